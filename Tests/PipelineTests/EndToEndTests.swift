import Foundation
import Testing
import TrialCore
import Analysis
@testable import Pipeline

/// `trialdata run` end to end on a simulated 240-subject CRLM study (written by the CLI's
/// `simulate`): CSV and ODM sources give the same results.json; results.json agrees with
/// `trialdata survival` on the produced ADTTE; a SIGKILL mid-run leaves the previous output intact.
@Suite("trialdata run end to end", .serialized)
struct EndToEndTests {
    /// The built `trialdata` executable next to the test bundle.
    static let executable: URL? = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("trialdata")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @discardableResult
    static func cli(_ args: [String], cwd: URL? = nil) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = executable!
        p.arguments = args
        p.currentDirectoryURL = cwd ?? root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func json(_ s: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(s.utf8)) as! [String: Any]
    }

    static func rel(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test(.enabled(if: executable != nil, "trialdata executable not built"))
    func runFromCSVAndODMAgreesWithSurvivalCLIAndSurvivesSIGKILL() throws {
        let tmp = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("td-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let study = tmp.appendingPathComponent("study")
        let (sc, _, serr) = try Self.cli(["simulate", "--subjects", "240", "--seed", "7", "--out", study.path,
                                          "--mapping", Self.root.appendingPathComponent("mappings/crlm").path])
        #expect(sc == 0, "simulate: \(serr)")

        // CSV and ODM sources.
        let outCSV = tmp.appendingPathComponent("out-csv"), outODM = tmp.appendingPathComponent("out-odm")
        var progress: [String] = []
        let a = try StudyPipeline.run(RunOptions(study: study.path, out: outCSV.path, source: .csv, formats: [.csv])) { progress.append($0.stage) }
        #expect(progress == ["config", "import", "sdtm", "adam", "validate", "analyse", "write", "manifest"])
        let b = try StudyPipeline.run(RunOptions(study: study.path, out: outODM.path, source: .odm, formats: [.csv]))
        let ja = try Data(contentsOf: outCSV.appendingPathComponent("results.json"))
        let jb = try Data(contentsOf: outODM.appendingPathComponent("results.json"))
        #expect(ja == jb, "results.json differs between the CSV and the ODM export")
        #expect(a.results.endpoints.map(\.paramcd) == ["OS", "LPFS"])
        // Reconciliation: every record read is mapped or rejected.
        for r in a.summary.reconciliation + b.summary.reconciliation { #expect(r.recordsIn == r.mapped + r.rejected, "\(r.source)") }
        // The manifest lists every output with its hash.
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: outCSV.appendingPathComponent("manifest.json")))
        #expect(try Manifest.entries(under: outCSV, exclude: ["manifest.json"]) == manifest.outputs)
        #expect(manifest.inputs.contains { $0.path.hasPrefix("export/") } && manifest.tool == ToolVersion.originator)

        // results.json equals `trialdata survival` on the produced ADTTE.
        let results = try Results.decode(ja, file: "results.json")
        let adtte = outCSV.appendingPathComponent("adam/adtte.csv").path
        for e in results.endpoints {
            let (kc, kout, kerr) = try Self.cli(["survival", "km", "--input", adtte, "--where", "PARAMCD=\(e.paramcd)",
                                                 "--group", "TRT01P", "--times", "365,730", "--format", "json"])
            #expect(kc == 0, "\(kerr)")
            let strata = try Self.json(kout)["strata"] as! [[String: Any]]
            for km in e.km {
                let s = try #require(strata.first { $0["group"] as? String == km.group })
                #expect(s["n"] as? Int == km.n)
                #expect((s["events"] as? NSNumber)?.doubleValue == km.events)
                #expect((s["median"] as? NSNumber)?.doubleValue == km.median)
                #expect((s["median_lower"] as? NSNumber)?.doubleValue == km.medianLower)
                #expect((s["median_upper"] as? NSNumber)?.doubleValue == km.medianUpper)
                let at = s["at_times"] as! [[String: Any]]
                for (x, y) in zip(km.rates, at) {
                    #expect(Self.rel(x.survival, (y["surv"] as! NSNumber).doubleValue))
                    #expect(Self.rel(x.lower!, (y["lower"] as! NSNumber).doubleValue))
                    #expect(Self.rel(x.upper!, (y["upper"] as! NSNumber).doubleValue))
                }
            }
            let (lc, lout, _) = try Self.cli(["survival", "logrank", "--input", adtte, "--where", "PARAMCD=\(e.paramcd)",
                                              "--group", "TRT01P", "--format", "json"])
            #expect(lc == 0)
            let lr = try Self.json(lout)
            #expect(Self.rel(e.logRank.chiSquare, (lr["chisq"] as! NSNumber).doubleValue), "\(lout.prefix(300))")
            let (cc, cout, _) = try Self.cli(["survival", "cox", "--input", adtte, "--where", "PARAMCD=\(e.paramcd)",
                                              "--covariates", "TRT01P", "--format", "json"])
            #expect(cc == 0)
            // The CLI codes GROUP II against GROUP I (first level); the report uses GROUP II as reference.
            let coef = try #require((Self.json(cout)["coefficients"] as! [[String: Any]]).first)
            let u = try #require(e.hazardRatios.first { $0.method == "unadjusted" })
            #expect(Self.rel(u.logHR!, -(coef["coef"] as! NSNumber).doubleValue))
            #expect(Self.rel(u.stdErr!, (coef["se"] as! NSNumber).doubleValue))
        }

        // SIGKILL in the middle of a run: the previous out-csv stays complete and consistent.
        let p = Process()
        p.executableURL = Self.executable!
        p.arguments = ["run", study.path, "--out", outCSV.path, "--source", "odm", "--format", "xpt,json,csv"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let staging = tmp.appendingPathComponent(".out-csv.partial-\(p.processIdentifier)")
        var sawStaging = false
        for _ in 0..<12_000 {   // up to 120 s, polling every 10 ms (the write stage lasts under a second)
            if FileManager.default.fileExists(atPath: staging.appendingPathComponent("sdtm").path) { sawStaging = true; break }
            if !p.isRunning { break }
            usleep(10_000)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(sawStaging, "the run finished before it could be killed mid-write")
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(try Data(contentsOf: outCSV.appendingPathComponent("results.json")) == ja)
        #expect(try Manifest.entries(under: outCSV, exclude: ["manifest.json"]) == manifest.outputs)
        // The killed run's staging folder is removed by the next run.
        _ = try OutputFolder(final: outCSV).discard()
        #expect(!FileManager.default.fileExists(atPath: staging.path))
    }

    @Test(.enabled(if: executable != nil, "trialdata executable not built"))
    func badStudyFolderIsExitCode65AndWritesNothing() throws {
        let tmp = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("td-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (code, _, err) = try Self.cli(["run", tmp.path, "--out", tmp.appendingPathComponent("out").path])
        #expect(code == 65)
        #expect(err.contains("study.yaml"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
        let (c2, _, e2) = try Self.cli(["run", tmp.path, "--format", "pdf"])
        #expect(c2 == 64 && e2.contains("pdf"))
    }
}
