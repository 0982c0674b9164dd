import Foundation
import Testing
import DatasetIO
import TrialCore
@testable import Pipeline

/// `trialdata sdtm`'s library part (`SDTMStage`): bind → map → write in chunks of subjects,
/// its output layout, its errors, and that chunking changes nothing in the files.
@Suite struct SDTMStageTests {
    static let root = EndToEndTests.root
    static let specs = root.appendingPathComponent("specs").path
    static let example = root.appendingPathComponent("examples/crlm").path
    static let dirty = root.appendingPathComponent("examples/crlm-dirty").path
    static let domains = ["dm", "suppdm", "ae", "suppae", "tu", "tr", "rs", "qs", "ds", "pr", "supppr", "ex", "suppex", "sv"]

    func tempFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sdtm-stage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func writesEveryDomainTraceAndLog() throws {
        let input = try SDTMStage.Input(studyDirectory: Self.example, source: .csv, specsOverride: Self.specs)
        let dir = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try SDTMStage.write(input, to: dir, formats: [.xpt, .json])
        #expect(w.warnings.isEmpty)
        for d in Self.domains {
            #expect(w.files.contains("\(d).xpt") && w.files.contains("\(d).json") && w.files.contains("trace/\(d).csv"), "\(d)")
        }
        #expect(w.files.last == "mapping-log.txt")
        // The XPT reads back with the spec's labels, lengths and the mapped rows.
        let dm = try DatasetFile.read(path: dir + "/dm.xpt")
        #expect(dm.label == "Demographics")
        #expect(dm.rowCount == 240)
        #expect(dm.column("USUBJID")?.label == "Unique Subject Identifier")
        #expect(dm.column("USUBJID")?.length == 40)
        #expect(dm.column("DOMAIN")?.length == 2)
        let trace = try String(contentsOfFile: dir + "/trace/ae.csv", encoding: .utf8)
        #expect(trace.hasPrefix("ROW,USUBJID,SEQ,SRCFILE,SRCLINE,SRCPATH\n1,CRLM-LOCAL-01-001-001,1,ae.csv,"))
        let log = try String(contentsOfFile: dir + "/mapping-log.txt", encoding: .utf8)
        #expect(log.contains("Specs: SDTM CT 2024-03-29; CRLM-LOCAL sponsor terms 1.0"))
        #expect(log.contains("Rejected records: 0"))
        #expect(w.summary.rejectedRecords == 0)
        #expect(w.summary.subjects == 240)
    }

    /// `.minimal`: each length is the longest value's (USUBJID "CRLM-LOCAL-01-001-001" has 21
    /// bytes, the spec says 40; DOMAIN 2 of 2), labels stay the spec's.
    @Test func minimalLengthsAreTheLongestValues() throws {
        let input = try SDTMStage.Input(studyDirectory: Self.example, source: .csv, specsOverride: Self.specs)
        let dir = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try SDTMStage.write(input, to: dir, formats: [.xpt], lengths: .minimal, trace: false)
        let dm = try DatasetFile.read(path: dir + "/dm.xpt")
        #expect(dm.column("USUBJID")?.length == 21)
        #expect(dm.column("DOMAIN")?.length == 2)
        #expect(dm.column("USUBJID")?.label == "Unique Subject Identifier")
        #expect(!FileManager.default.fileExists(atPath: dir + "/trace"))
    }

    /// Chunks of 1, 7 and 100 subjects give exactly the bytes of one whole chunk: datasets in
    /// every format, trace files (row numbers count across chunks) and the mapping log.
    @Test(arguments: [RunOptions.Source.csv, .odm])
    func chunkingChangesNoByte(source: RunOptions.Source) throws {
        let input = try SDTMStage.Input(studyDirectory: Self.example, source: source, specsOverride: Self.specs)
        let whole = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: whole) }
        let w = try SDTMStage.write(input, to: whole, formats: [.xpt, .json, .csv], subjectsPerChunk: 1_000_000)
        #expect(w.summary.chunks == 1)
        for size in [1, 7, 100] {
            let dir = try tempFolder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            var seen: [Int] = []
            let c = try SDTMStage.write(input, to: dir, formats: [.xpt, .json, .csv], subjectsPerChunk: size) { seen.append($0.subjects) }
            #expect(c.summary.chunks == (240 + size - 1) / size)
            #expect(seen.reduce(0, +) == 240)
            #expect(c.files == w.files)
            for f in w.files {
                #expect(FileManager.default.contents(atPath: dir + "/" + f) == FileManager.default.contents(atPath: whole + "/" + f),
                        "\(f) differs with \(size) subjects per chunk")
            }
        }
    }

    /// A failure of the caller on chunk 2 stops the stage there and is the error thrown.
    @Test(arguments: [RunOptions.Source.csv, .odm])
    func callersFailureStopsTheChunks(source: RunOptions.Source) throws {
        let input = try SDTMStage.Input(studyDirectory: Self.example, source: source, specsOverride: Self.specs)
        var calls = 0
        do {
            _ = try SDTMStage.run(input, subjectsPerChunk: 50) { chunk throws(PipelineError) in
                calls += 1
                if chunk.index == 1 { throw .output(path: "qs.xpt", reason: "disk full") }
            }
            Issue.record("expected the caller's error")
        } catch {
            #expect(error.description == "qs.xpt: cannot write (disk full)")
        }
        #expect(calls == 2)
    }

    /// The dirty example's faults are each rejected once, whatever the chunking.
    @Test func dirtyExportRejectsTheSameRecordsInChunks() throws {
        let input = try SDTMStage.Input(studyDirectory: Self.dirty, source: .csv, specsOverride: Self.specs)
        let a = try tempFolder(), b = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        let whole = try SDTMStage.write(input, to: a, formats: [.xpt], subjectsPerChunk: 1_000_000).summary
        let chunked = try SDTMStage.write(input, to: b, formats: [.xpt], subjectsPerChunk: 5).summary
        #expect(whole.bindReport.total.rejected == 6)
        #expect(chunked.bindReport.total == whole.bindReport.total)
        #expect(Set(chunked.bindRejections.map(\.description)) == Set(whole.bindRejections.map(\.description)))
        #expect(chunked.bindRejections.count == whole.bindRejections.count)
        #expect(chunked.reconciliation == whole.reconciliation)
        #expect(chunked.rowCounts.map(\.rows) == whole.rowCounts.map(\.rows))
        for d in Self.domains {
            #expect(FileManager.default.contents(atPath: a + "/\(d).xpt") == FileManager.default.contents(atPath: b + "/\(d).xpt"), "\(d)")
        }
    }

    @Test func missingStudyFolderNamesTheFile() throws {
        let dir = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try SDTMStage.Input(studyDirectory: dir, source: .csv, specsOverride: Self.specs)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics[0].location == .file(dir + "/study.yaml"))
        }
    }

    @Test func studyWithoutODMExportIsAnError() throws {
        let dir = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let mapping = Self.root.appendingPathComponent("mappings/crlm").path
        try "study: X\nmapping: \(mapping)\nexport:\n  csv: export/csv\n".write(toFile: dir + "/study.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try SDTMStage.Input(studyDirectory: dir, source: .odm, specsOverride: Self.specs)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics[0].message == "study.yaml names no ODM export")
        }
    }
}
