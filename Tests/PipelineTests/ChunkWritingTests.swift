import Foundation
import Testing
import TrialCore
import DatasetIO
@testable import Pipeline

/// The pieces the chunked stages are built of: the background lane hands a failure back to
/// the producer, and the folder writer refuses a chunk that does not fit the first.
@Suite struct ChunkWritingTests {
    final class Counter: @unchecked Sendable { var done: [Int] = [] }

    @Test func laneRunsJobsInOrderAndHandsBackTheFirstFailure() throws {
        let lane = WorkLane(label: "test.lane")
        let counter = Counter()
        for k in 0..<5 { try lane.submit { counter.done.append(k) } }
        try lane.wait()
        #expect(counter.done == [0, 1, 2, 3, 4])

        try lane.submit { () throws(PipelineError) in throw .output(path: "x.xpt", reason: "disk full") }
        // The next submit waits for the failed job and throws its error instead of queuing.
        do {
            try lane.submit { counter.done.append(99) }
            Issue.record("expected the failure of the previous job")
        } catch {
            #expect(error.description == "x.xpt: cannot write (disk full)")
        }
        try lane.wait()                 // the failure was handed back once
        #expect(counter.done == [0, 1, 2, 3, 4])
    }

    @Test func folderWriterRefusesAChunkWithOtherColumnsAndWritesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chunk-writer-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = DatasetFolderWriter(folder: dir, formats: [.xpt, .csv], lengths: .minimal)
        let first = Dataset(name: "DM", label: "Demographics", columns: [
            .character("USUBJID", label: "Unique Subject Identifier", length: 20, ["S-1", "S-2"]),
            .numeric("AGE", label: "Age", [61, 70]),
        ])
        try w.append(first)
        let other = Dataset(name: "DM", label: "Demographics", columns: [
            .character("USUBJID", label: "Unique Subject Identifier", length: 20, ["S-3"]),
            .numeric("AGEX", label: "Age", [55]),
        ])
        do {
            try w.append(other)
            Issue.record("expected an error for the changed columns")
        } catch {
            #expect(error.diagnostics[0].message.contains("AGEX") || (error.diagnostics[0].value ?? "").contains("AGEX"))
        }
        // Nothing was completed: no dm.xpt / dm.csv in the folder.
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        #expect(!files.contains("dm.xpt") && !files.contains("dm.csv"))
    }

    @Test func chunksAreAppendedAndLengthsAreTheLongestAcrossChunks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chunk-writer-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = DatasetFolderWriter(folder: dir, formats: [.xpt], lengths: .minimal)
        func dm(_ ids: [String]) -> Dataset {
            Dataset(name: "DM", label: "Demographics",
                    columns: [.character("USUBJID", label: "Unique Subject Identifier", length: 20, ids)])
        }
        try w.append(dm(["S-1", "S-2"]))
        try w.append(dm(["S-10000"]))          // 7 bytes: longer than the first chunk's values
        let (files, warnings) = try w.finish()
        #expect(files == ["dm.xpt"])
        #expect(warnings.isEmpty)
        let back = try DatasetFile.read(path: dir + "/dm.xpt")
        #expect(back.column("USUBJID")?.length == 7)
        #expect(back.column("USUBJID")?.values == [.character("S-1"), .character("S-2"), .character("S-10000")])
    }
}
