import Foundation
import Testing
import Analysis
@testable import Reports

@Suite("HTML report")
struct HTMLReportTests {
    static let results: Results = { try! ColonResults.compute() }()

    @Test func reportIsAFunctionOfResultsJSONOnly() throws {
        let r = Self.results
        let decoded = try Results.decode(try r.jsonData(), file: "results.json")
        #expect(HTMLReport(results: decoded).html == HTMLReport(results: r).html)
    }

    @Test func reportShowsTheComputedNumbers() throws {
        let r = Self.results
        let html = HTMLReport(results: r).html
        let dpm = r.methods.daysPerMonth
        for e in r.endpoints {
            for h in e.hazardRatios {
                // HR (95% CI) as in results.json, e.g. 0.69 (0.55–0.87) for colon OS.
                #expect(html.contains(Format.ci(Format.fixed(h.hr, 2), Format.fixed(h.lower, 2), Format.fixed(h.upper, 2))), "\(e.paramcd) \(h.method)")
            }
            for k in e.km {
                #expect(html.contains(Format.ci(Format.months(k.median, daysPerMonth: dpm), Format.months(k.medianLower, daysPerMonth: dpm),
                                                Format.months(k.medianUpper, daysPerMonth: dpm))))
                for rate in k.rates { #expect(html.contains(Format.fixed(rate.survival * 100, 1))) }
            }
            #expect(html.contains("Log-rank \(Format.escape(Format.pEquals(e.logRank.p)))"))   // "p &lt; 0.001" in XML
        }
        // Hand-checked values of the colon OS analysis (R: median 2083 d = 68.4 months; HR 0.689).
        #expect(html.contains("68.4 (54.4–91.6)"))
        #expect(html.contains("0.69 (0.55–0.87)"))
        #expect(html.contains("Efron"))
        #expect(html.contains(r.methods.softwareVersion))
        // Self-contained: no scripts, no external references.
        #expect(!html.contains("<script") && !html.contains("http://www.w3.org/1999/xlink") && !html.contains("src="))
    }

    @Test func kaplanMeierSVGHasOneCurvePerGroupAndAxes() {
        let r = Self.results
        let svg = KaplanMeierPlot(endpoint: r.endpoints[0], methods: r.methods).svg
        #expect(svg.components(separatedBy: "class=\"km-curve\"").count - 1 == 2)
        #expect(svg.components(separatedBy: "class=\"km-band\"").count - 1 == 2)
        #expect(svg.components(separatedBy: "class=\"atrisk\"").count - 1 == 2 * 9)
        #expect(svg.contains("Months since inclusion") && svg.contains("Overall survival probability"))
        // Number at risk at 0 is the group size.
        #expect(svg.contains(">315</text>") && svg.contains(">304</text>"))
        let noBands = KaplanMeierPlot(endpoint: r.endpoints[0], methods: r.methods, bands: false).svg
        #expect(!noBands.contains("km-band"))
    }

    @Test func tablesAsCSV() {
        for t in ReportTables.all(Self.results) {
            let lines = t.csv.components(separatedBy: "\r\n").dropLast()
            #expect(lines.count == t.rows.count + 1, "\(t.id)")
            #expect(t.rows.allSatisfy { $0.count == t.header.count }, "\(t.id)")
        }
        #expect(ReportTable(id: "x", title: "", header: ["a"], rows: [["1,5 \"q\""]]).csv == "a\r\n\"1,5 \"\"q\"\"\"\r\n")
    }

    @Test func formatting() {
        #expect(Format.fixed(0.125, 2) == "0.13")
        #expect(Format.fixed(-0.004, 2) == "0.00")
        #expect(Format.fixed(2.5, 0) == "3")
        #expect(Format.fixed(nil, 2) == "–")
        #expect(Format.p(0.0004) == "<0.001")
        #expect(Format.p(0.0455) == "0.046")
        #expect(Format.pEquals(0.0004) == "p < 0.001" && Format.pEquals(0.25) == "p = 0.250")
        #expect(Format.months(nil, daysPerMonth: 30.4375) == "NR")
        #expect(Format.escape("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;")
    }

    @Test func writerWritesBundle() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("td-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try ReportWriter.write(Self.results, to: dir)
        #expect(files.contains("report.html") && files.contains("figures/forest.svg") && files.contains("figures/love.svg")
                && files.contains("tables/km-os.csv"))
        for f in files { #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path)) }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty)
        // To look at the bundle: TRIALDATA_KEEP_REPORT=/some/dir swift test --filter writerWritesBundle
        if let keep = ProcessInfo.processInfo.environment["TRIALDATA_KEEP_REPORT"] {
            try ReportWriter.write(Self.results, to: URL(fileURLWithPath: keep))
        }
    }
}
