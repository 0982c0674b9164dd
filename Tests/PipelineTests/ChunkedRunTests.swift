import Foundation
import Testing
import TrialCore
@testable import Pipeline

/// `trialdata run` in chunks of subjects gives the outputs of one whole pass: the same
/// datasets, validation report, results.json and report, byte for byte.
@Suite struct ChunkedRunTests {
    @Test func chunksOf17SubjectsGiveTheWholeRunsFiles() throws {
        let tmp = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("td-chunks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let study = EndToEndTests.root.appendingPathComponent("examples/crlm").path
        let whole = tmp.appendingPathComponent("whole"), chunked = tmp.appendingPathComponent("chunked")
        let a = try StudyPipeline.run(RunOptions(study: study, out: whole.path, formats: [.xpt, .json], subjectsPerChunk: 1_000_000))
        var progress: [String] = []
        let b = try StudyPipeline.run(RunOptions(study: study, out: chunked.path, formats: [.xpt, .json], subjectsPerChunk: 17)) {
            progress.append($0.stage)
        }
        // 240 subjects in chunks of 17: 15 chunk lines, then the stage lines.
        #expect(progress.filter { $0.hasPrefix("chunk ") }.count == 15)
        #expect(progress.filter { !$0.hasPrefix("chunk ") } == ["config", "import", "sdtm", "adam", "validate", "analyse", "write", "manifest"])
        #expect(a.files == b.files)
        for f in a.files where f != "manifest.json" {
            #expect(FileManager.default.contents(atPath: whole.path + "/" + f) == FileManager.default.contents(atPath: chunked.path + "/" + f),
                    "\(f) differs when run in chunks")
        }
        #expect(a.summary.reconciliation == b.summary.reconciliation)
    }
}
