import Testing
import TrialCore
@testable import EDCImport

@Suite struct ODMReaderTests {
    static let external = "/work/shared/external/odmlib-testdata"

    func readAll(_ file: String) throws -> ([ODMSubject], ODMReader.Result) {
        var subjects: [ODMSubject] = []
        let r = try ODMReader.read(file: file) { s, _ in subjects.append(s) }
        return (subjects, r)
    }

    @Test func openClinicaStyleTransactionsApplyInDocumentOrder() throws {
        let file = TestPaths.fixtures + "/openclinica-style.xml"
        let (subjects, result) = try readAll(file)
        #expect(result.fileType == "Transactional")
        #expect(subjects.map(\.subjectKey) == ["SS_ONC01_103", "SS_ONC01_101", "SS_ONC01_102"])  // 103 occurs once: delivered first
        let s101 = try #require(subjects.first { $0.subjectKey == "SS_ONC01_101" })
        #expect(s101.siteOID == "S_SITE01")
        #expect(s101.events.map { "\($0.oid),\($0.repeatKey ?? "-")" } == ["SE_BASELINE,-", "SE_FOLLOWUP,1", "SE_FOLLOWUP,2"])
        let baseline = s101.events[0].forms[0].itemGroups[0]
        #expect(baseline.items.map(\.oid) == ["I_VITAL_VSDAT", "I_VITAL_WEIGHT", "I_VITAL_POS"])
        #expect(baseline.item("I_VITAL_POS")?.isNull == true)
        #expect(baseline.item("I_VITAL_POS")?.value == nil)
        let ae = s101.events[1].forms[0].itemGroups
        #expect(ae.map { $0.repeatKey } == ["1", "2"])  // repeat 3 removed
        #expect(ae[0].item("I_AE_TERM")?.value == "Héadache, \"severe\"")
        #expect(ae[0].item("I_AE_GRADE")?.value == "3")  // upserted later
        #expect(ae[0].item("I_AE_GRADE")?.audit == ODMAuditRecord(userOID: "USR_dm1", locationOID: "S_SITE01",
            dateTimeStamp: "2026-03-01T09:30:00", reasonForChange: "Grade corrected after source data verification",
            editPoint: "DataManagement"))
        let s102 = try #require(subjects.first { $0.subjectKey == "SS_ONC01_102" })
        #expect(s102.events[0].forms[0].itemGroups[0].items.map(\.oid) == ["I_VITAL_VSDAT", "I_VITAL_WEIGHT"])

        let mdv = try #require(result.metaDataVersions.first)
        #expect(mdv.itemGroups["IG_VITAL_UNGROUPED"]?.itemOIDs == ["I_VITAL_VSDAT", "I_VITAL_WEIGHT", "I_VITAL_POS"])
        #expect(mdv.codeLists["CL_GRADE"]?.codedValues == ["1", "2", "3", "4", "5"])
        #expect(mdv.codeLists["CL_POS"]?.decodes["SUPINE"] == "Supine")
        #expect(mdv.items["I_VITAL_WEIGHT"]?.measurementUnitOIDs == ["MU_KG"])
        #expect(mdv.measurementUnits["MU_KG"]?.name == "kg")

        #expect(result.diagnostics.map(\.description) == [
            "\(file): SubjectData[SS_ONC01_101]/StudyEventData[SE_FOLLOWUP,1]/FormData[F_AE_V10]/ItemGroupData[IG_AE_AELOG,2]/ItemData[I_AE_GRADE]: warning: value not in CodeList CL_GRADE (value '7'; expected one of 1, 2, 3, 4, 5)",
            "\(file): SubjectData[SS_ONC01_101]/StudyEventData[SE_FOLLOWUP,1]/FormData[F_AE_V10]/ItemGroupData[IG_AE_AELOG,2]/ItemData[I_AE_START]: warning: impossible date: day out of range for the month (value '2026-02-30'; expected YYYY, YYYY-MM or YYYY-MM-DD)",
            "\(file): SubjectData[SS_ONC01_101]/StudyEventData[SE_FOLLOWUP,2]/FormData[F_VITALS_V10]/ItemGroupData[IG_VITAL_UNGROUPED]/ItemData[I_VITAL_HEIGHT]: warning: ItemOID not defined in MetaDataVersion v1.0.0 (value 'I_VITAL_HEIGHT')",
        ])
    }

    @Test func odmlibSnapshotWithSpacesAndNonASCIIOIDs() throws {
        let (subjects, result) = try readAll(Self.external + "/odm-data-snapshot.xml")
        #expect(subjects.map(\.subjectKey) == ["SS_0001", "SS_0002"])
        #expect(result.itemDataCount == 165)
        let s = subjects[0]
        #expect(s.events.contains { $0.oid == "SE.VISIT 1" })
        let mdv = try #require(result.metaDataVersions.first)
        #expect(mdv.oid == "v1.0.0")
        #expect(mdv.measurementUnits.keys.contains("MU.10³/㎕"))
        #expect(s.events[0].forms[0].itemGroups[0].item("IT.AGE")?.value == "56")
    }

    @Test func severalClinicalDataBlocksMergeOneSubject() throws {
        let (subjects, result) = try readAll(Self.external + "/test_clinical_data_01.xml")
        #expect(result.metaDataVersions.isEmpty)
        #expect(subjects.count == 1)
        #expect(subjects[0].events.map(\.oid) == ["Screen", "VISIT_1"])
        #expect(subjects[0].events[1].forms.map(\.oid) == ["AENONSER", "LABDATA"])
        #expect(subjects[0].events[1].forms[1].itemGroups[0].item("LBORRES")?.value == "300")
    }

    @Test func metadataOnlyFileReadsDefinitions() throws {
        let (subjects, result) = try readAll(Self.external + "/cdash-odm-test.xml")
        #expect(subjects.isEmpty)
        let mdv = try #require(result.metaDataVersions.first)
        #expect(mdv.oid == "MDV.TRACE-XML-ODM-01")
        #expect(!mdv.itemGroups.isEmpty)
        #expect(!mdv.items.isEmpty)
    }

    @Test func billionLaughsIsRejected() throws {
        let file = TestPaths.fixtures + "/billion-laughs.xml"
        #expect(throws: InputError(at: .text(file: file, line: 2, column: nil),
            "ODM file has a DOCTYPE declaration; DTDs and entity declarations are refused (they carry entity-expansion and external-entity attacks)",
            value: "<!DOCTYPE ODM", expected: "an ODM 1.3.2 document without DOCTYPE")) {
            try readAll(file)
        }
    }

    @Test func externalEntityIsRejected() throws {
        let file = TestPaths.fixtures + "/external-entity.xml"
        #expect(throws: InputError(at: .text(file: file, line: 2, column: nil),
            "ODM file has a DOCTYPE declaration; DTDs and entity declarations are refused (they carry entity-expansion and external-entity attacks)",
            value: "<!DOCTYPE ODM", expected: "an ODM 1.3.2 document without DOCTYPE")) {
            try readAll(file)
        }
    }

    @Test func truncatedFileNamesLineAndColumn() throws {
        let file = TestPaths.fixtures + "/truncated.xml"
        do {
            _ = try readAll(file)
            Issue.record("expected an error")
        } catch let e as InputError {
            #expect(e.diagnostics.map(\.description) == [
                "\(file):5:72: error: malformed XML: Extra content at the end of the document (expected a well-formed ODM 1.3.2 document)",
                "\(file): SubjectData[1]/StudyEventData[E]/FormData[F]/ItemGroupData[G]: note: the document stops inside this element (truncated file?)",
            ])
        }
    }

    @Test func malformedXMLNamesLineAndColumn() throws {
        let dir = TestPaths.tempDir()
        let file = TestPaths.write("<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\">\n  <ClinicalData StudyOID=\"S\">\n  </ClinicalDta>\n</ODM>\n", to: dir, "bad.xml")
        #expect(throws: InputError(at: .text(file: file, line: 3, column: 17),
            "malformed XML: Opening and ending tag mismatch: ClinicalData line 2 and ClinicalDta",
            expected: "a well-formed ODM 1.3.2 document")) {
            try readAll(file)
        }
    }

    @Test func missingFileIsReported() throws {
        #expect(throws: InputError.self) { try readAll("/nonexistent/x.xml") }
    }

    @Test func itemDataOutsideItemGroupIsAnError() throws {
        let dir = TestPaths.tempDir()
        let file = TestPaths.write("""
        <ODM xmlns="http://www.cdisc.org/ns/odm/v1.3"><ClinicalData StudyOID="S" MetaDataVersionOID="M">
        <SubjectData SubjectKey="1"><StudyEventData StudyEventOID="E"><FormData FormOID="F">
        <ItemData ItemOID="I" Value="1"/></FormData></StudyEventData></SubjectData></ClinicalData></ODM>
        """, to: dir, "x.xml")
        #expect(throws: InputError(at: .text(file: file, line: 3, column: nil), "ItemData outside ItemGroupData", value: "I")) {
            try readAll(file)
        }
    }

    @Test func dataTypeChecks() {
        #expect(ODMValueCheck.check("12", dataType: "integer", length: 2) == nil)
        #expect(ODMValueCheck.check("123", dataType: "integer", length: 2)! == ("integer longer than Length 2", "at most 2 digits"))
        #expect(ODMValueCheck.check("1.5", dataType: "integer", length: nil)! == ("not an integer", "an integer, e.g. 42"))
        #expect(ODMValueCheck.check("-1.5e3", dataType: "float", length: nil) == nil)
        #expect(ODMValueCheck.check("1,5", dataType: "float", length: nil)! == ("not a number", "a decimal number, e.g. 12.5"))
        #expect(ODMValueCheck.check("2021-02-30", dataType: "date", length: nil)! == ("impossible date: day out of range for the month", "a complete date YYYY-MM-DD"))
        #expect(ODMValueCheck.check("2021-02", dataType: "date", length: nil)! == ("date of the wrong precision", "a complete date YYYY-MM-DD"))
        #expect(ODMValueCheck.check("15-MAR-2021", dataType: "partialDate", length: nil)! == ("malformed date", "YYYY, YYYY-MM or YYYY-MM-DD"))
        #expect(ODMValueCheck.check("2021-03-15T10:20", dataType: "datetime", length: nil) == nil)
        #expect(ODMValueCheck.check("2021-03-15", dataType: "datetime", length: nil)! == ("date of the wrong precision", "a complete date-time YYYY-MM-DDThh:mm[:ss]"))
        #expect(ODMValueCheck.check("abcdef", dataType: "text", length: 5)! == ("text longer than Length 5", "at most 5 characters"))
        #expect(ODMValueCheck.check("yes", dataType: "boolean", length: nil)! == ("not a boolean", "true, false, 1 or 0"))
        #expect(ODMValueCheck.check("25:00", dataType: "time", length: nil)! == ("not a time", "hh:mm[:ss]"))
    }
}

@Suite struct ODMPrescanTests {
    @Test func repeatedKeysAreFoundAcrossChunkBoundaries() throws {
        // Keys placed so that some attributes straddle the 1 MiB chunk edges.
        var text = "<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\"><ClinicalData StudyOID=\"S\" MetaDataVersionOID=\"M\">\n"
        var expected: Set<String> = []
        var i = 0
        while text.utf8.count < 3 * (1 << 20) {
            let key = "K&amp;\(i % 5000)"
            if i % 5000 < 3 && i >= 5000 { expected.insert("K&\(i % 5000)") }
            text += "<SubjectData SubjectKey = '\(key)'><StudyEventData StudyEventOID=\"E\"/></SubjectData>" + String(repeating: " ", count: i % 97) + "\n"
            i += 1
        }
        text += "</ClinicalData></ODM>\n"
        let dir = TestPaths.tempDir()
        let file = TestPaths.write(text, to: dir, "big.xml")
        let repeated = try ODMReader.repeatedSubjectKeys(file: file)
        let all = Set((0..<i).map { "K&\($0 % 5000)" })
        let twice = Set((0..<i).filter { $0 >= 5000 }.map { "K&\($0 % 5000)" })
        #expect(repeated == twice.intersection(all))
        #expect(repeated.isSuperset(of: expected))
    }
}
