import Foundation
import Testing
import StudyModel
import TrialCore
@testable import EDCImport

@Suite struct BinderBadInputTests {
    func mapping() throws -> StudyMapping { try StudyMapping.load(directory: TestPaths.crlmMapping) }

    func copy(_ edits: [String: (String) -> String] = [:], bytes: [String: [UInt8]] = [:]) throws -> String {
        let dir = TestPaths.tempDir()
        for name in try FileManager.default.contentsOfDirectory(atPath: BinderTests.small + "/csv") {
            var text = try String(contentsOfFile: BinderTests.small + "/csv/" + name, encoding: .utf8)
            if let edit = edits[name] { text = edit(text) }
            TestPaths.write(text, to: dir, name)
        }
        for (name, b) in bytes { FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(b)) }
        return dir
    }

    @Test func odmFaultsAreRejectedWithTheirPath() throws {
        var xml = try String(contentsOfFile: BinderTests.small + "/crlm.xml", encoding: .utf8)
        xml = xml.replacingOccurrences(of: "<ItemData ItemOID=\"IT.AE.AEOUT\" Value=\"2\"/>", with: "<ItemData ItemOID=\"IT.AE.AEOUT\" Value=\"X\"/>")
        xml = xml.replacingOccurrences(of: "StudyEventOID=\"SE.UNS\" StudyEventRepeatKey=\"3.1\"><FormData FormOID=\"F.RESP\"",
                                       with: "StudyEventOID=\"SE.W2\"><FormData FormOID=\"F.RESP\"")
        xml = xml.replacingOccurrences(of: "</SubjectData>\n  </ClinicalData>\n  <ClinicalData", with: """
              <StudyEventData StudyEventOID="SE.M3"><FormData FormOID="F.SYS"><ItemGroupData ItemGroupOID="IG.SYS" ItemGroupRepeatKey="2">
                <ItemData ItemOID="IT.SY.SYREG" Value="CAPOX"/><ItemData ItemOID="IT.SY.SYTARG" Value="NONE"/>
              </ItemGroupData></FormData></StudyEventData>
              <StudyEventData StudyEventOID="SE.M3"><FormData FormOID="F.LAB"><ItemGroupData ItemGroupOID="IG.LAB">
                <ItemData ItemOID="IT.LB.ALT" Value="40"/>
              </ItemGroupData></FormData></StudyEventData>
            </SubjectData>
          </ClinicalData>
          <ClinicalData
        """)
        let dir = TestPaths.tempDir()
        let file = TestPaths.write(xml, to: dir, "crlm.xml")
        let r = try Binder.bind(odmFile: file, mapping: try mapping())
        #expect(r.report.rejections.map(\.description) == [
            "crlm.xml: SubjectData[001-001]/StudyEventData[SE.COMMON]/FormData[F.AE]/ItemGroupData[IG.AE,2]/ItemData[IT.AE.AEOUT]: rejected adverseEvents record: unknown code for outcome (IT.AE.AEOUT) (value 'X'; expected one of 1, 2, 3, 4, 5, 9)",
            "crlm.xml: SubjectData[001-002]/StudyEventData[SE.W2]/FormData[F.RESP]/ItemGroupData[IG.RS]: rejected responses record: study event is not a visit of the mapping for visit (StudyEventOID) (value 'SE.W2'; expected a StudyEventOID listed under visits:)",
            "crlm.xml: SubjectData[001-002]/StudyEventData[SE.M3]/FormData[F.SYS]/ItemGroupData[IG.SYS,2]: rejected systemicTherapies record: item group IG.SYS in an unexpected study event (value 'SE.M3'; expected StudyEventOID SE.COMMON)",
        ])
        #expect(r.report.warnings.map(\.description) == [
            "crlm.xml: SubjectData[001-002]/StudyEventData[SE.M3]/FormData[F.LAB]/ItemGroupData[IG.LAB]: warning: item group IG.LAB is not mapped to any entity: 1 instance not imported (value 'IG.LAB')",
        ])
        for (e, c) in r.report.counts { #expect(c.read == c.bound + c.rejected, "\(e)") }
    }

    @Test func latin1BytesInAUTF8ExportRejectTheRowWithItsByteOffset() throws {
        var dm = Array("SITEID,SUBJID,BRTHDTC,SEX,RACE,ETHNIC,COUNTRY,RFICDTC,INCLDTC,GROUP,ECOG\n".utf8)
        dm += Array("01,001-001,UN-JUL-1956,1,3,2,CHN,02-MAR-2021,15-MAR-2021,1,0\n".utf8)
        dm += Array("01,001-002,UNK-UNK-1949,2,3,2,".utf8) + [0x44, 0xDC, 0x52] + Array(",10-APR-2021,12-APR-2021,2,1\n".utf8)  // "DÜR" in Latin-1
        let dir = try copy(bytes: ["dm.csv": dm])
        let r = try Binder.bind(csvDirectory: dir, mapping: try mapping())
        #expect(r.report.rejections.first?.description == "dm.csv:3:32: rejected subjects record: unreadable CSV row: invalid UTF-8 at byte offset 165 (the file looks like Latin-1) (value '0xDC'; expected UTF-8 text, or declare the encoding latin1)")
        #expect(r.report.count(.subjects) == BindReport.Count(read: 2, bound: 1, rejected: 1))

        var m = try mapping()
        m.csv.encoding = .latin1
        let latin = try Binder.bind(csvDirectory: dir, mapping: m)
        #expect(latin.study.subjects.map(\.country) == ["CHN", "DÜR"])
        #expect(latin.report.rejections == [])
    }

    @Test func unusableFilesThrow() throws {
        let m = try mapping()
        let semicolons = try copy(["visit.csv": { $0.replacingOccurrences(of: ",", with: ";") }])
        #expect(throws: InputError(at: .text(file: "visit.csv", line: 1, column: nil),
                                   "header has a single column but contains ';': wrong delimiter?", value: "SUBJID;VISIT;SVDTC;SVDONE;SVREASND",
                                   expected: "columns separated by the declared delimiter ','")) {
            try Binder.bind(csvDirectory: semicolons, mapping: m)
        }
        let noColumn = try copy(["ds.csv": { $0.replacingOccurrences(of: "LSTALVDT", with: "LASTALIVE") }])
        #expect(throws: InputError(at: .text(file: "ds.csv", line: 1, column: nil), "header lacks mapped column LSTALVDT",
                                   value: "SUBJID,DSSTAT,DSDTC,DTHDTC,DTHCAUS,LASTALIVE,DSREAS",
                                   expected: "the columns SUBJID, DSSTAT, DSDTC, DTHDTC, DTHCAUS, LSTALVDT, DSREAS")) {
            try Binder.bind(csvDirectory: noColumn, mapping: m)
        }
        let missing = try copy()
        try FileManager.default.removeItem(atPath: missing + "/resp.csv")
        #expect(throws: InputError(at: .file(missing + "/resp.csv"), "export file missing", value: "resp.csv",
                                   expected: "resp.csv in the CSV export folder (the mapping's responses)")) {
            try Binder.bind(csvDirectory: missing, mapping: m)
        }
        let empty = try copy(["sys.csv": { _ in "" }])
        #expect(throws: InputError(at: .file("sys.csv"), "empty CSV file: no header row", expected: "a header row naming the columns")) {
            try Binder.bind(csvDirectory: empty, mapping: m)
        }
    }

    @Test func qlqItemsOutOfTheirRangeAndMissingRequiredValues() throws {
        let dir = try copy([
            "qlq.csv": { $0.replacingOccurrences(of: "001-001,BASELINE,10-MAR-2021,Y,,1,2,", with: "001-001,BASELINE,10-MAR-2021,Y,,1,5,") },
            "resp.csv": { $0.replacingOccurrences(of: "001-001,MONTH 3,14-JUN-2021,NED,PR,PR", with: "001-001,MONTH 3,14-JUN-2021,NED,,PR") },
        ])
        let r = try Binder.bind(csvDirectory: dir, mapping: try mapping())
        #expect(r.report.rejections.map(\.description) == [
            "resp.csv:2: rejected responses record: missing required value for extrahepatic (RSEXTRA)",
            "qlq.csv:2: rejected questionnaires record: value out of range for items (Q02) (value '5'; expected 1–4)",
        ])
    }

    @Test func embeddedExampleBindsEquallyFromCSVAndODM() throws {
        let dir = TestPaths.root + "/examples/crlm"
        guard FileManager.default.fileExists(atPath: dir + "/study.yaml") else { return }
        let sd = try StudyDirectory.load(directory: dir)
        let m = try StudyMapping.load(directory: sd.mapping)
        let csv = try Binder.bind(csvDirectory: try #require(sd.export.csv), mapping: m)
        let odm = try Binder.bind(odmFile: try #require(sd.export.odm), mapping: m)
        #expect(csv.report.total.rejected == 0)
        #expect(odm.report.total.rejected == 0)
        #expect(csv.report.total.read == odm.report.total.read)
        #expect(csv.study == odm.study)
    }
}
