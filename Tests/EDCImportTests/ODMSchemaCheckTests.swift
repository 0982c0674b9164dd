import Foundation
import Testing
import TrialCore
@testable import EDCImport

/// The ODM exports we commit, and ODM files from another tool, validate against the official
/// ODM 1.3.2 XML Schema (in `../shared/external/cdisc-odm-spec-1.3.2`, CDISC, MIT); a file that
/// breaks the schema is reported at its line.
@Suite struct ODMSchemaCheckTests {
    static let external = (TestPaths.root as NSString).appendingPathComponent("../shared/external")
    static let schema = external + "/cdisc-odm-spec-1.3.2/ODM1-3-2.xsd"
    static var haveSchema: Bool { FileManager.default.fileExists(atPath: schema) }

    @Test(.enabled(if: haveSchema, "the ODM 1.3.2 XSD in ../shared/external is absent"))
    func committedExamplesAreSchemaValid() throws {
        for study in ["crlm", "crlm-dirty"] {
            let file = TestPaths.root + "/examples/\(study)/export/odm/crlm.xml"
            let problems = try ODMSchemaCheck.validate(file: file, schema: Self.schema)
            #expect(problems.isEmpty, "\(study): \(problems.prefix(3).map(\.description))")
        }
    }

    @Test(.enabled(if: haveSchema, "the ODM 1.3.2 XSD in ../shared/external is absent"))
    func anotherToolsODMIsSchemaValid() throws {
        // odmlib's test data: SOURCES.md states both files are valid against the XSD.
        for name in ["odm-data-snapshot.xml", "test_clinical_data_01.xml"] {
            let problems = try ODMSchemaCheck.validate(file: Self.external + "/odmlib-testdata/" + name, schema: Self.schema)
            #expect(problems.isEmpty, "\(name): \(problems.prefix(3).map(\.description))")
        }
    }

    @Test(.enabled(if: haveSchema, "the ODM 1.3.2 XSD in ../shared/external is absent"))
    func aViolationIsReportedAtItsLine() throws {
        let dir = TestPaths.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Line 4: ItemData without its required ItemOID attribute.
        let file = TestPaths.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" FileType="Snapshot" FileOID="F.1" CreationDateTime="2026-11-27T10:00:00" ODMVersion="1.3.2">
            <ClinicalData StudyOID="S" MetaDataVersionOID="M"><SubjectData SubjectKey="001"><StudyEventData StudyEventOID="SE.1"><FormData FormOID="F.1"><ItemGroupData ItemGroupOID="IG.1">
            <ItemData Value="x"/>
            </ItemGroupData></FormData></StudyEventData></SubjectData></ClinicalData>
            </ODM>
            """, to: dir, "bad.xml")
        let problems = try ODMSchemaCheck.validate(file: file, schema: Self.schema)
        #expect(problems.count == 1)
        guard case let .text(reported, line, _)? = problems.first?.location else {
            Issue.record("no line location: \(problems)")
            return
        }
        #expect(reported == file && line == 4)
        #expect(problems.first?.message.hasPrefix("not valid against ODM1-3-2.xsd: ") == true, "\(problems)")
        #expect(problems.first?.message.contains("ItemOID") == true, "\(problems)")
    }

    @Test func malformedXMLIsAnInputError() throws {
        let dir = TestPaths.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = TestPaths.write("<ODM><ClinicalData></ODM>\n", to: dir, "broken.xml")
        let schema = TestPaths.write("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="ODM"/></xs:schema>
            """, to: dir, "tiny.xsd")
        #expect(throws: InputError.self) { try ODMSchemaCheck.validate(file: file, schema: schema) }
        #expect(throws: InputError.self) { try ODMSchemaCheck.validate(file: file, schema: dir + "/missing.xsd") }
    }
}
