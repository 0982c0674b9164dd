import Foundation
import Testing
import EDCImport
import StudyModel
import TrialCore
@testable import SDTM

/// The example studies end to end (bind → map): the clean one maps with zero rejections from
/// either export, identically; the dirty one loses only the records the Binder rejects.
@Suite struct ExampleStudyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func mapExample(_ name: String, odm: Bool) throws -> (BindReport, SDTMResult) {
        let dir = try StudyDirectory.load(directory: root.appendingPathComponent("examples/\(name)").path)
        let mapping = try StudyMapping.load(directory: dir.mapping)
        let bound = odm ? try Binder.bind(odmFile: try #require(dir.export.odm), mapping: mapping)
                        : try Binder.bind(csvDirectory: try #require(dir.export.csv), mapping: mapping)
        let specs = try SpecLibrary.load(from: root.appendingPathComponent("specs").path)
        let dict = try #require(mapping.codingDictionary)
        return (bound.report, try SDTMMapper(specs: specs, dictionary: dict).map(bound.study))
    }

    @Test func cleanExampleMapsWithoutRejectionsFromCSVAndODMAlike() throws {
        let (_, csv) = try Self.mapExample("crlm", odm: false)
        let (_, odm) = try Self.mapExample("crlm", odm: true)
        #expect(csv.rejections.isEmpty)
        #expect(odm.rejections.isEmpty)
        #expect(csv.datasets == odm.datasets)
        #expect(csv.dataset("DM")?.rowCount == 240)
        for c in csv.reconciliation { #expect(c.records == c.mapped, "\(c.entity)") }
        let specs = try SpecLibrary.load(from: Self.root.appendingPathComponent("specs").path)
        for d in csv.datasets {
            let spec = try #require(specs.dataset(d.name))
            for v in spec.variables where v.core == .req {
                #expect(d.column(v.name)?.values.contains { $0.isMissing } == false, "\(d.name).\(v.name)")
            }
        }
        // Trace: CSV rows point at export lines, ODM rows at OID paths.
        #expect(csv.trace["AE"]?.first?.sourceColumns.file == "ae.csv")
        #expect(odm.trace["AE"]?.first?.sourceColumns.path.hasPrefix("SubjectData[") == true)
    }

    @Test func dirtyExampleLosesOnlyTheBindersRejections() throws {
        let (report, result) = try Self.mapExample("crlm-dirty", odm: false)
        #expect(report.total.rejected == 6)
        #expect(result.rejections.isEmpty)
    }
}
