import Testing
import TrialCore
@testable import Validation

/// TD0201–TD0203: controlled terminology.
@Suite struct TerminologyRuleTests {
    static let exSpec = DatasetSpec(name: "EX", label: "Exposure", variables: [
        Fixture.v("USUBJID", "Unique Subject Identifier", .character, .req),
        Fixture.v("EXROUTE", "Route of Administration", .character, .exp, codelist: "ROUTE"),
        Fixture.v("EXDOSFRM", "Dose Form", .character, .exp, codelist: "FRM"),
    ])

    @Test func nonExtensibleCodelist() {
        let good = Fixture.ae(["S1|1|HEADACHE|MILD|2021-01-05", "S1|2|NAUSEA||2021-01-07"])
        #expect(Fixture.run("TD0201", [good], specs: Fixture.specs()).1.isEmpty)
        let bad = Fixture.ae(["S1|1|HEADACHE|MILD|2021-01-05", "S1|2|NAUSEA|severe|2021-01-07"])
        let (_, f) = Fixture.run("TD0201", [bad], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].severity == .error && f[0].row == 2 && f[0].variable == "AESEV" && f[0].value == "severe")
        #expect(f[0].message == "AESEV 'severe' is not in the non-extensible codelist AESEV (Severity/Intensity Scale for Adverse Events); did you mean 'SEVERE'? (differs only in case or blanks)")
        #expect(f[0].expected == "one of MILD, MODERATE, SEVERE")
    }

    @Test func extensibleCodelistIsAWarning() {
        let specs = Fixture.specs([Self.exSpec])
        let good = Fixture.table("EX", "USUBJID|EXROUTE", ["S1|ORAL", "S2|INTRAVENOUS"])
        #expect(Fixture.run("TD0202", [good], specs: specs).1.isEmpty)
        let bad = Fixture.table("EX", "USUBJID|EXROUTE", ["S1|ORAL", "S2|INTRAHEPATIC"])
        let (_, f) = Fixture.run("TD0202", [bad], specs: specs)
        #expect(f.count == 1)
        #expect(f[0].severity == .warning && f[0].row == 2 && f[0].usubjid == "S2")
        #expect(f[0].message == "EXROUTE 'INTRAHEPATIC' is not in the extensible codelist ROUTE (Route of Administration)")
        // A non-extensible rule does not report extensible misses.
        #expect(Fixture.run("TD0201", [bad], specs: specs).1.isEmpty)
    }

    @Test func codelistMissingFromSpecs() {
        let specs = Fixture.specs([Self.exSpec])
        let good = Fixture.table("EX", "USUBJID|EXROUTE", ["S1|ORAL"])
        #expect(Fixture.run("TD0203", [good], specs: specs).1.isEmpty)
        let bad = Fixture.table("EX", "USUBJID|EXROUTE|EXDOSFRM", ["S1|ORAL|TABLET"])
        let (_, f) = Fixture.run("TD0203", [bad], specs: specs)
        #expect(f.count == 1)
        #expect(f[0].variable == "EXDOSFRM" && f[0].value == "FRM" && f[0].row == nil)
        #expect(f[0].message == "EXDOSFRM refers to codelist FRM, which is not defined under specs/ct; its values were not checked")
    }

    @Test func testCodeMatchesName() {
        let header = "USUBJID|DOMAIN|QSSEQ:N|QSTESTCD|QSTEST"
        let good = Fixture.table("QS", header, ["S1|QS|1|EOR0101|Trouble doing strenuous activities", "S1|QS|2|EOR0102|Trouble taking a long walk",
                                                "S2|QS|1|EOR0101|Trouble doing strenuous activities"])
        #expect(Fixture.run("TD0204", [good]).1.isEmpty)
        let bad = Fixture.table("QS", header, ["S1|QS|1|EOR0101|Trouble doing strenuous activities", "S1|QS|2|EOR0102|Trouble taking a long walk",
                                               "S2|QS|1|EOR0101|Trouble doing strenuous activities ", "S2|QS|2|EOR0101|Trouble doing strenuous activities "])
        let (_, f) = Fixture.run("TD0204", [bad])
        #expect(f.count == 1)
        #expect(f[0].row == 3 && f[0].usubjid == "S2" && f[0].variable == "QSTEST" && f[0].expected == "Trouble doing strenuous activities")
        #expect(f[0].message == "QSTESTCD EOR0101 has QSTEST 'Trouble doing strenuous activities ' here but 'Trouble doing strenuous activities' on an earlier record")
    }
}
