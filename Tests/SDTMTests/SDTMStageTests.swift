import Foundation
import Testing
import DatasetIO
import TrialCore
@testable import trialdata

/// `trialdata sdtm`'s library part: bind → map → write, its output layout and its errors.
@Suite struct SDTMStageTests {
    static let root = ExampleStudyTests.root
    static let specs = root.appendingPathComponent("specs").path

    func tempFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sdtm-stage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func writesEveryDomainTraceAndLog() throws {
        let outcome = try SDTMStage.run(studyDirectory: Self.root.appendingPathComponent("examples/crlm").path,
                                        source: .csv, specsOverride: Self.specs)
        let dir = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (files, warnings) = try SDTMStage.write(outcome, to: dir, formats: [.xpt, .json])
        #expect(warnings.isEmpty)
        for d in ["dm", "suppdm", "ae", "suppae", "tu", "tr", "rs", "qs", "ds", "pr", "supppr", "ex", "suppex", "sv"] {
            #expect(files.contains("\(d).xpt") && files.contains("\(d).json") && files.contains("trace/\(d).csv"), "\(d)")
        }
        #expect(files.last == "mapping-log.txt")
        // The XPT reads back with the spec's label and the mapped rows.
        let dm = try DatasetFile.read(path: dir + "/dm.xpt")
        #expect(dm.label == "Demographics")
        #expect(dm.rowCount == 240)
        #expect(dm.column("USUBJID")?.label == "Unique Subject Identifier")
        let trace = try String(contentsOfFile: dir + "/trace/ae.csv", encoding: .utf8)
        #expect(trace.hasPrefix("ROW,USUBJID,SEQ,SRCFILE,SRCLINE,SRCPATH\n1,CRLM-LOCAL-01-001-001,1,ae.csv,"))
        let log = try String(contentsOfFile: dir + "/mapping-log.txt", encoding: .utf8)
        #expect(log.contains("Specs: SDTM CT 2024-03-29; CRLM-LOCAL sponsor terms 1.0"))
        #expect(log.contains("Rejected records: 0"))
        #expect(outcome.rejectedRecords == 0)
    }

    @Test func sameExportGivesTheSameBytes() throws {
        let outcome = try SDTMStage.run(studyDirectory: Self.root.appendingPathComponent("examples/crlm").path,
                                        source: .csv, specsOverride: Self.specs)
        let a = try tempFolder(), b = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        _ = try SDTMStage.write(outcome, to: a, formats: [.xpt, .json])
        _ = try SDTMStage.write(outcome, to: b, formats: [.xpt, .json])
        for f in ["qs.xpt", "ae.json"] {
            #expect(FileManager.default.contents(atPath: a + "/" + f) == FileManager.default.contents(atPath: b + "/" + f))
        }
    }

    @Test func missingStudyFolderNamesTheFile() throws {
        let dir = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try SDTMStage.run(studyDirectory: dir, source: .csv, specsOverride: Self.specs)
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
            _ = try SDTMStage.run(studyDirectory: dir, source: .odm, specsOverride: Self.specs)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics[0].message == "study.yaml names no ODM export")
        }
    }
}
