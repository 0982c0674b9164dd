import DatasetIO
import EDCImport
import Foundation
import StudyModel
import Testing
import TrialCore
@testable import Simulation

@Suite struct ExportWriterTests {
    /// The repository's mapping folder, found from this file's location.
    static let mappingDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("mappings/crlm")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("import.yaml").path) { return candidate.path }
        }
        return "mappings/crlm"
    }()

    static func mapping() throws -> StudyMapping { try StudyMapping.load(directory: mappingDirectory) }

    static func tempDir(_ name: String) -> String {
        let d = NSTemporaryDirectory() + "simtest-\(name)-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test func datesAreWrittenInEDCLayouts() {
        let full = PartialDateTime(year: 2021, month: 3, day: 5)
        let month = PartialDateTime(year: 2021, month: 3)
        let year = PartialDateTime(year: 1956)
        #expect(FieldEncoder.format(full, .ddMONyyyy) == "05-MAR-2021")
        #expect(FieldEncoder.format(month, .ddMONyyyy) == "UN-MAR-2021")
        #expect(FieldEncoder.format(year, .ddMONyyyy) == "UN-UNK-1956")
        #expect(FieldEncoder.format(month, .iso8601) == "2021-03")
        #expect(FieldEncoder.format(full, .ddSlashMMSlashYYYY) == "05/03/2021")
        #expect(FieldEncoder.isoDate(full) == "2021-03-05")
        #expect(FieldEncoder.isoDate(month) == "2021-03")
        #expect(FieldEncoder.isoDate(year) == "1956")
        #expect(FieldEncoder.format(PartialDateTime(year: 2021, month: 12, day: 31), .ddMONyyyy) == "31-DEC-2021")
        // Every layout reads back to the same partial date.
        for f in EDCDateFormat.allCases {
            for d in [full, month, year] where !(f != .ddMONyyyy && f != .iso8601 && d.month == nil) {
                #expect((try? f.parse(FieldEncoder.format(d, f))) == d, "\(f) \(d)")
            }
        }
    }

    @Test func csvQuotingFollowsRFC4180() throws {
        // The exports are written by DatasetIO's CSVWriter with CRLF, as the EDC flat files are.
        let dir = Self.tempDir("quote")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let w = try CSVWriter(path: dir + "/q.csv", delimiter: .comma, lineEnding: .crlf)
        try w.write(["a", "", "b,c", "say \"hi\""])
        try w.finish()
        let bytes = try String(contentsOfFile: dir + "/q.csv", encoding: .utf8)
        #expect(bytes == "a,,\"b,c\",\"say \"\"hi\"\"\"\r\n")
    }

    @Test func csvFilesHaveTheMappingsColumnsAndOneRowPerRecord() throws {
        let m = try Self.mapping()
        let study = StudySimulator(config: StudySimulatorTests.config(30, 5)).generate()
        let dir = Self.tempDir("csv")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try CSVExportWriter(mapping: m).write(study.data, to: dir)
        #expect(files.count == m.entities.count)
        for e in m.entities {
            let text = try String(contentsOfFile: dir + "/" + e.csv, encoding: .utf8)
            let lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)
            #expect(lines.first.map(String.init) == e.csvColumns.joined(separator: ","))
            #expect(lines.count - 1 == ExportRecord.count(of: e.entity, in: study.data), "\(e.csv)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/ae.csv.partial"))
    }

    @Test func everySimulatedVerbatimCodesThroughTheDictionary() throws {
        let dictionary = try #require(try Self.mapping().codingDictionary)
        for term in AETermCatalogue.all {
            for s in term.spellings {
                for v in [s, s.uppercased(), s.lowercased()] {
                    #expect(dictionary.code(v)?.preferredTerm == term.preferred, "\(v)")
                }
            }
        }
    }

    @Test func odmHasMetadataAuditTrailAndCorrection() throws {
        let m = try Self.mapping()
        let study = StudySimulator(config: StudySimulatorTests.config(60, 20_260_401)).generate()
        let dir = Self.tempDir("odm")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let summary = try ODMExportWriter(mapping: m).write(study.data, to: dir + "/crlm.xml")
        let xml = try String(contentsOfFile: dir + "/crlm.xml", encoding: .utf8)
        #expect(xml.contains("<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\" ODMVersion=\"1.3.2\" FileType=\"Transactional\""))
        #expect(xml.contains("<ItemDef OID=\"IT.DM.SEX\" Name=\"SEX\" DataType=\"integer\">"))
        #expect(xml.contains("<CodeList OID=\"CL.NY\" Name=\"NY\" DataType=\"text\">"))
        #expect(xml.contains("<StudyEventDef OID=\"SE.UNS\" Name=\"Unscheduled visit\" Repeating=\"Yes\" Type=\"Unscheduled\">"))
        #expect(xml.contains("TransactionType=\"Upsert\""))
        #expect(summary.correctedItem != nil && summary.lateEnteredForm != nil)
        #expect(Int(summary.originalValue!)! + 1 == Int(summary.correctedValue!)!)
        // One ItemGroupData per record, plus the correction.
        let records = m.entities.reduce(0) { $0 + ExportRecord.count(of: $1.entity, in: study.data) }
        #expect(summary.itemGroups == records + 1)
        #expect(xml.components(separatedBy: "<ItemGroupData ").count - 1 == records + 1)
    }

    /// Same seed, same bytes: two runs write identical files.
    @Test func twoRunsWriteTheSameBytes() throws {
        let m = try Self.mapping()
        var files: [[String: Data]] = []
        for run in 0..<2 {
            let study = StudySimulator(config: StudySimulatorTests.config(40, 123)).generate()
            let dir = Self.tempDir("det\(run)")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try StudyFolderWriter(mapping: m, mappingDirectory: Self.mappingDirectory).write(study, to: dir, format: .both)
            var contents: [String: Data] = [:]
            let e = FileManager.default.enumerator(atPath: dir)
            while let f = e?.nextObject() as? String {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: dir + "/" + f, isDirectory: &isDir), !isDir.boolValue {
                    contents[f] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f))
                }
            }
            files.append(contents)
        }
        #expect(files[0].count == 13)  // 10 CSV files, crlm.xml, truth.json, study.yaml
        #expect(files[0] == files[1])
    }

    @Test func relativeMappingPath() {
        #expect(StudyFolderWriter.relativePath(from: "/r/examples/crlm", to: "/r/mappings/crlm") == "../../mappings/crlm")
        #expect(StudyFolderWriter.relativePath(from: "/r/out", to: "/r/out") == ".")
    }
}
