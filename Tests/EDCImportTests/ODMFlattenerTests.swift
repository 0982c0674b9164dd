import Foundation
import Testing
import TrialCore
@testable import EDCImport

@Suite struct ODMFlattenerTests {
    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing>" }

    @Test func openClinicaStyleFileFlattensPerItemGroup() throws {
        let out = TestPaths.tempDir()
        let file = TestPaths.fixtures + "/openclinica-style.xml"
        let report = try ODMFlattener.flatten(odmFile: file, outputDirectory: out)
        #expect(report.files.map(\.itemGroupOID) == ["IG_VITAL_UNGROUPED", "IG_AE_AELOG"])
        #expect(report.files.map(\.rows) == [4, 2])
        #expect(report.subjects == 3)
        #expect(read(out + "/IG_VITAL_UNGROUPED.csv") == """
        SubjectKey,StudyEventOID,StudyEventRepeatKey,FormOID,FormRepeatKey,ItemGroupRepeatKey,I_VITAL_VSDAT,I_VITAL_WEIGHT,I_VITAL_POS
        SS_ONC01_103,SE_BASELINE,,F_VITALS_V10,,,2026-01-09,,
        SS_ONC01_101,SE_BASELINE,,F_VITALS_V10,,,2026-01-05,72.5,
        SS_ONC01_101,SE_FOLLOWUP,2,F_VITALS_V10,,,2026-04-01,,
        SS_ONC01_102,SE_BASELINE,,F_VITALS_V10,,,2026-01-07,80.0,

        """)
        #expect(read(out + "/IG_AE_AELOG.csv") == #"""
        SubjectKey,StudyEventOID,StudyEventRepeatKey,FormOID,FormRepeatKey,ItemGroupRepeatKey,I_AE_TERM,I_AE_GRADE,I_AE_START
        SS_ONC01_101,SE_FOLLOWUP,1,F_AE_V10,,1,"Héadache, ""severe""",3,2026-02
        SS_ONC01_101,SE_FOLLOWUP,1,F_AE_V10,,2,Nausea,7,2026-02-30

        """#)
        let path = "SubjectData[SS_ONC01_101]/StudyEventData[SE_FOLLOWUP,2]/FormData[F_VITALS_V10]/ItemGroupData[IG_VITAL_UNGROUPED]/ItemData[I_VITAL_HEIGHT]"
        #expect(report.diagnostics.map(\.description).suffix(2) == [
            "\(file): \(path): warning: ItemOID not defined in MetaDataVersion v1.0.0 (value 'I_VITAL_HEIGHT')",
            "\(file): \(path): warning: ItemOID is not an ItemRef of ItemGroupDef IG_VITAL_UNGROUPED: its values are not written to IG_VITAL_UNGROUPED.csv (value 'I_VITAL_HEIGHT')",
        ])
        #expect(report.diagnostics.count == 4)
    }

    @Test func fileWithoutMetadataUsesDocumentOrder() throws {
        let out = TestPaths.tempDir()
        let report = try ODMFlattener.flatten(odmFile: "/work/shared/external/odmlib-testdata/test_clinical_data_01.xml", outputDirectory: out)
        #expect(report.files.map(\.itemGroupOID) == ["DM", "LB", "AE"])
        #expect(read(out + "/LB.csv") == """
        SubjectKey,StudyEventOID,StudyEventRepeatKey,FormOID,FormRepeatKey,ItemGroupRepeatKey,LBDTC,LBTESTCD,LBORRES
        1000,Screen,,LABDATA,,,2006-07-14T14:48,ALT,245
        1000,VISIT_1,,LABDATA,,,2006-07-14T14:48,ALT,300

        """)
    }

    @Test func odmlibSnapshotKeepsOIDsWithSpaces() throws {
        let out = TestPaths.tempDir()
        let report = try ODMFlattener.flatten(odmFile: "/work/shared/external/odmlib-testdata/odm-data-snapshot.xml", outputDirectory: out)
        let ae = try #require(report.files.first { $0.itemGroupOID == "IG.AE.AE_ARRAY1" })
        #expect(ae.columns.prefix(6) == ODMFlattener.keyColumns[...])
        let text = read(ae.path)
        #expect(text.contains("SS_0001,SE.VISIT 1,1,AE,1,1,"))
        #expect(report.files.reduce(0) { $0 + $1.rows } > 0)
    }

    @Test func malformedFileLeavesNoOutput() throws {
        let out = TestPaths.tempDir()
        #expect(throws: InputError.self) {
            try ODMFlattener.flatten(odmFile: TestPaths.fixtures + "/truncated.xml", outputDirectory: out)
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: out)) == [])
    }
}
