import Foundation
import Testing
import Analysis
@testable import Reports

/// Renders report.html in headless Chromium (Debian package `chromium`) and inspects the DOM
/// the browser built and the PNG it drew. Skipped when no Chromium is installed.
@Suite("Browser render")
struct BrowserRenderTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static func run(_ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium!)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: chromium != nil, "Chromium not installed"))
    func chromiumRendersTheReport() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("td-browser-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ColonResults.compute()
        try ReportWriter.write(r, to: dir)
        let url = "file://" + dir.appendingPathComponent("report.html").path
        let (status, dom) = try Self.run(["--dump-dom", url])
        #expect(status == 0)
        // The browser parsed every SVG: KM curves (2 groups × 2 endpoints × unweighted + weighted).
        #expect(dom.components(separatedBy: "class=\"km-curve\"").count - 1 == 8)
        #expect(dom.components(separatedBy: "class=\"km-plot\"").count - 1 == 4)
        #expect(dom.components(separatedBy: "class=\"forest-point\"").count - 1
                == r.endpoints.reduce(0) { $0 + $1.hazardRatios.count + $1.subgroups.filter { $0.estimate != nil }.count })
        #expect(dom.components(separatedBy: "class=\"smd-after\"").count - 1 == r.propensity!.balance.rows.count)
        #expect(dom.contains("Months since inclusion") && dom.contains("Number at risk") && dom.contains("Absolute standardized mean difference"))
        #expect(dom.contains("</html>"))
        let png = dir.appendingPathComponent("report.png")
        let (s2, _) = try Self.run(["--screenshot=\(png.path)", "--window-size=1400,3000", url])
        #expect(s2 == 0)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.count > 50_000)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }
}
