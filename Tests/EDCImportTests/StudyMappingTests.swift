import Testing
import TrialCore
import StudyModel
@testable import EDCImport

@Suite struct StudyMappingTests {
    @Test func crlmMappingLoadsAndCoversEveryEntity() throws {
        let m = try StudyMapping.load(directory: TestPaths.crlmMapping)
        #expect(m.study == "CRLM-LOCAL")
        #expect(m.csv.dateFormat.format == .ddMONyyyy)
        #expect(m.csv.delimiterByte == UInt8(ascii: ","))
        #expect(m.entities.map(\.entity) == EntityKind.allCases)
        #expect(m.entities.map(\.csv) == ["dm.csv", "baseline.csv", "proc.csv", "sys.csv", "tumor.csv",
                                          "resp.csv", "ae.csv", "qlq.csv", "ds.csv", "visit.csv"])
        let ae = try #require(m.entity(.adverseEvents))
        #expect(ae.odm.itemGroupOID == "IG.AE")
        let sex = try #require(m.entity(.subjects)?.field("sex"))
        #expect(sex.codes?.value(forCode: "2") == "F")
        #expect(sex.codes?.code(forValue: "U") == "9")
        #expect(sex.odmDataType == "integer")
        #expect(sex.codeListOID == "CL.SEX")
        // Code order is YAML order (CodeList order for writers).
        #expect(m.entity(.subjects)?.field("race")?.codes?.codes == ["1", "2", "3", "4", "5", "6", "7", "8", "9"])
        let qs = try #require(m.entity(.questionnaires))
        #expect(qs.field("items")?.list?.columns.count == 30)
        #expect(qs.csvColumns.count == 35)
        #expect(m.codingDictionary?.code("nausia")?.preferredTerm == "Nausea")
        #expect(m.visit(studyEventOID: "SE.M3", repeatKey: nil) == .scheduled(month: 3))
        #expect(m.visit(studyEventOID: "SE.UNS", repeatKey: "6.2") == .unscheduled(afterMonth: 6, index: 2))
        #expect(m.studyEvent(for: .unscheduled(afterMonth: 6, index: 2))?.oid == "SE.UNS")
        #expect(m.studyEvent(for: .unscheduled(afterMonth: 6, index: 2))?.repeatKey == "6.2")
        #expect(m.studyEvent(for: .scheduled(month: 24))?.oid == "SE.M24")
    }

    @Test func invalidMappingNamesEveryProblem() throws {
        let dir = TestPaths.tempDir()
        let file = TestPaths.write("""
        study: X
        csv: {delimiter: "#"}
        odm: {studyOID: X, metaDataVersionOID: MDV}
        visits: [{studyEventOID: SE.X, visit: WEEK 2}]
        entities:
          - entity: dispositions
            csv: ds.csv
            odm: {formOID: F.DS, itemGroupOID: IG.DS}
            key: [subjectID, number]
            fields:
              - {field: subjectID, column: SUBJID, odm: subjectKey, type: text}
              - {field: statuss, column: DSSTAT, item: IT.DSSTAT, type: code, codes: {A: COMPLETED, B: COMPLETED}}
        """, to: dir, "import.yaml")
        do {
            _ = try StudyMapping.load(directory: dir)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(file): error: csv.delimiter: unsupported delimiter (value '#'; expected one of , ; \\t |)",
                "\(file): error: visits[SE.X]: unknown visit name (value 'WEEK 2'; expected BASELINE, MONTH 3 … MONTH 24, or UNSCHEDULED)",
                "\(file): error: entities[dispositions].statuss: unknown model field (value 'statuss'; expected subjectID, status, date, deathDate, deathCause, lastKnownAliveDate, withdrawalReason)",
                "\(file): error: entities[dispositions].statuss: codes: two codes map to the same value (expected a one-to-one map)",
                "\(file): error: entities[dispositions]: required model field not mapped (value 'status')",
                "\(file): error: entities[dispositions]: key field not mapped (value 'number')",
            ])
        }
    }

    @Test func unknownDateFormatIsReported() throws {
        let dir = TestPaths.tempDir()
        let file = TestPaths.write("""
        study: X
        csv: {dateFormat: DD.MM.YYYY}
        odm: {studyOID: X, metaDataVersionOID: MDV}
        entities: []
        """, to: dir, "import.yaml")
        #expect(throws: InputError(at: .file(file), "YAML does not match the expected structure: invalid value at .csv.dateFormat: unknown date format 'DD.MM.YYYY' (expected one of ISO8601, DD-MON-YYYY, YYYY/MM/DD, MM/DD/YYYY, DD/MM/YYYY)")) {
            try StudyMapping.load(directory: dir)
        }
    }
}
