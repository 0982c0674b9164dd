import EDCImport
import Foundation
import StudyModel
import Testing
import TrialCore
@testable import Simulation

/// The exports bind back, through mappings/crlm, to the study that was simulated.
@Suite struct BindRoundTripTests {
    static let repoRoot: String = {
        (ExportWriterTests.mappingDirectory as NSString).deletingLastPathComponent.replacingOccurrences(of: "/mappings", with: "")
    }()

    /// Compares entity by entity so a failure names the first differing record.
    static func expectEqual(_ a: StudyData, _ b: StudyData, _ label: String) {
        #expect(a.studyID == b.studyID, "\(label): studyID")
        func check<T: Equatable>(_ x: [T], _ y: [T], _ name: String) {
            #expect(x.count == y.count, "\(label): \(name) count \(x.count) vs \(y.count)")
            if let i = zip(x, y).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("\(label): first different \(name) at \(i):\n\(x[i])\n\(y[i])")
            }
        }
        check(a.subjects, b.subjects, "subjects")
        check(a.procedures, b.procedures, "procedures")
        check(a.systemicTherapies, b.systemicTherapies, "systemicTherapies")
        check(a.lesions, b.lesions, "lesions")
        check(a.responses, b.responses, "responses")
        check(a.adverseEvents, b.adverseEvents, "adverseEvents")
        check(a.questionnaires, b.questionnaires, "questionnaires")
        check(a.dispositions, b.dispositions, "dispositions")
        check(a.visits, b.visits, "visits")
        #expect(a == b, "\(label): StudyData differs")
    }

    static func expectClean(_ r: BindResult, _ label: String) {
        #expect(r.report.rejections.isEmpty, "\(label): \(r.report.rejections.prefix(5).map(\.description))")
        #expect(r.report.total.read == r.report.total.bound)
    }

    @Test func csvAndODMBindToTheSimulatedStudy() throws {
        let m = try ExportWriterTests.mapping()
        let study = StudySimulator(config: StudySimulatorTests.config(120, 77)).generate()
        let dir = ExportWriterTests.tempDir("bind")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try StudyFolderWriter(mapping: m, mappingDirectory: ExportWriterTests.mappingDirectory).write(study, to: dir, format: .both)
        let csv = try Binder.bind(csvDirectory: dir + "/export/csv", mapping: m)
        let odm = try Binder.bind(odmFile: dir + "/export/odm/crlm.xml", mapping: m)
        Self.expectClean(csv, "csv")
        Self.expectClean(odm, "odm")
        Self.expectEqual(csv.study, study.data, "csv")
        Self.expectEqual(odm.study, study.data, "odm")
    }

    /// examples/crlm is reproducible from its seed and imports with zero rejections.
    @Test func committedExampleImportsCleanly() throws {
        let m = try ExportWriterTests.mapping()
        let example = Self.repoRoot + "/examples/crlm"
        let dir = try StudyDirectory.load(directory: example)
        let csv = try Binder.bind(csvDirectory: try #require(dir.export.csv), mapping: m)
        let odm = try Binder.bind(odmFile: try #require(dir.export.odm), mapping: m)
        Self.expectClean(csv, "example csv")
        Self.expectClean(odm, "example odm")
        #expect(csv.study.subjects.count == 240)
        let regenerated = StudySimulator(config: .crlm(subjects: 240, seed: ExampleStudy.seed)).generate()
        Self.expectEqual(csv.study, regenerated.data, "example csv")
        Self.expectEqual(odm.study, regenerated.data, "example odm")
        // truth.json on disk is the truth of that seed.
        let truth = try Data(contentsOf: URL(fileURLWithPath: example + "/truth.json"))
        #expect(truth == regenerated.truth.jsonData())
    }

    /// examples/crlm-dirty rejects exactly its listed faults; everything else binds and
    /// records in = bound + rejected.
    @Test func dirtyExampleRejectsExactlyItsFaults() throws {
        let m = try ExportWriterTests.mapping()
        let folder = Self.repoRoot + "/examples/crlm-dirty"
        let expected = try JSONDecoder().decode(ExpectedRejections.self,
                                                from: Data(contentsOf: URL(fileURLWithPath: folder + "/expected-rejections.json")))
        let dir = try StudyDirectory.load(directory: folder)
        let csv = try Binder.bind(csvDirectory: try #require(dir.export.csv), mapping: m)
        let odm = try Binder.bind(odmFile: try #require(dir.export.odm), mapping: m)
        for (label, result, exp) in [("csv", csv, expected.csv), ("odm", odm, expected.odm)] {
            let report = result.report
            #expect(report.total.read == exp.read, "\(label) read")
            #expect(report.total.bound == exp.bound, "\(label) bound")
            #expect(report.total.rejected == exp.rejected, "\(label) rejected")
            #expect(report.total.read == report.total.bound + report.total.rejected)
            for (entity, count) in report.counts {
                #expect(count.read == count.bound + count.rejected, "\(label) \(entity)")
                #expect(count.read == exp.readByEntity[entity.rawValue], "\(label) \(entity) read")
            }
            // Each fault is rejected at its location, and nothing else is.
            for f in exp.faults {
                #expect(report.rejections.contains { $0.entity.rawValue == f.entity && $0.location.description.hasPrefix(f.location) },
                        "\(label): fault '\(f.fault)' at \(f.location) not rejected")
            }
            for r in report.rejections {
                #expect(exp.faults.contains { r.entity.rawValue == $0.entity && r.location.description.hasPrefix($0.location) },
                        "\(label): unexpected rejection \(r)")
            }
        }
    }
}
