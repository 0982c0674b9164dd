import Testing
import TrialCore
@testable import Validation

/// TD0101–TD0109: spec conformance. Each rule: a conforming dataset gives no finding, a
/// dataset with exactly one fault gives exactly one finding at the right place.
@Suite struct SpecRuleTests {
    let good = Fixture.ae(["S1|1|HEADACHE|MILD|2021-01-05", "S1|2|NAUSEA|SEVERE|2021-01-07"])

    @Test func datasetWithoutSpecIsReportedNotCrashed() {
        let (o0, f0) = Fixture.run("TD0101", [good], specs: Fixture.specs())
        #expect(o0.status == .executed)
        #expect(f0.isEmpty)
        let qsph = Fixture.table("QSPH", "USUBJID|QSXYZ", ["S1|A"])
        let (_, f) = Fixture.run("TD0101", [good, qsph], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].ruleID == "TD0101" && f[0].severity == .notice && f[0].dataset == "QSPH" && f[0].row == nil)
        #expect(f[0].message == "QSPH (SDTM, 1 records) is not described by the specs; its 2 variables were not checked against a spec: USUBJID, QSXYZ")
    }

    @Test func requiredVariableMissing() {
        #expect(Fixture.run("TD0102", [good], specs: Fixture.specs()).1.isEmpty)
        var bad = good
        bad.columns.removeAll { $0.name == "AETERM" }
        let (_, f) = Fixture.run("TD0102", [bad], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].dataset == "AE" && f[0].variable == "AETERM" && f[0].row == nil && f[0].severity == .error)
        #expect(f[0].message == "AE has no variable AETERM (Reported Term for the Adverse Event), which the spec AE marks Required")
    }

    @Test func requiredValueNull() {
        #expect(Fixture.run("TD0103", [good], specs: Fixture.specs()).1.isEmpty)
        let bad = Fixture.ae(["S1|1|HEADACHE|MILD|2021-01-05", "S1|2||SEVERE|2021-01-07"])
        let (_, f) = Fixture.run("TD0103", [bad], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].usubjid == "S1" && f[0].sequence == "2" && f[0].variable == "AETERM")
        #expect(f[0].message == "AETERM (Reported Term for the Adverse Event) is null; the spec marks it Required")
        #expect(f[0].location == "AE row 2 (USUBJID S1, SEQ 2), AETERM")
    }

    @Test func expectedVariableMissing() {
        #expect(Fixture.run("TD0104", [good], specs: Fixture.specs()).1.isEmpty)
        var bad = good
        bad.columns.removeAll { $0.name == "AESTDTC" }
        let (_, f) = Fixture.run("TD0104", [bad], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].variable == "AESTDTC" && f[0].severity == .warning)
        #expect(f[0].message == "AE has no variable AESTDTC (Start Date/Time of Adverse Event), which the spec AE marks Expected; include it even if it is empty")
    }

    @Test func variableOutsideSpec() {
        #expect(Fixture.run("TD0105", [good], specs: Fixture.specs()).1.isEmpty)
        var bad = good
        bad.setColumn(.character("AEXTRA", ["a", "b"]))
        let (_, f) = Fixture.run("TD0105", [bad], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].variable == "AEXTRA" && f[0].severity == .warning)
        #expect(f[0].message == "AEXTRA is not a variable of the spec AE (a non-standard SDTM variable belongs in SUPPAE)")
    }

    @Test func typeMismatch() {
        #expect(Fixture.run("TD0106", [good], specs: Fixture.specs()).1.isEmpty)
        var bad = good
        bad.setColumn(Column(name: "AESEQ", label: "Sequence Number", type: .character, values: [.character("1"), .character("2")]))
        let (_, f) = Fixture.run("TD0106", [bad], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].variable == "AESEQ" && f[0].value == "Char" && f[0].expected == "Num")
        #expect(f[0].message == "AESEQ is Char in the data but Num in the spec AE")
    }

    @Test func valueLongerThanSpec() {
        #expect(Fixture.run("TD0107", [good], specs: Fixture.specs()).1.isEmpty)
        let bad = Fixture.ae(["S1|1|HEADACHE|MILD|2021-01-05", "S1|2|NAUSEA AND VOMITING DAILY|SEVERE|2021-01-07"])
        let (_, f) = Fixture.run("TD0107", [bad], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].variable == "AETERM" && f[0].value == "NAUSEA AND VOMITING DAILY")
        #expect(f[0].message == "AETERM is 25 bytes long; the spec AE allows 20")
    }

    @Test func declaredLengthAboveSpecIsAWarning() {
        var bad = good
        if let i = bad.columnIndex("AETERM") { bad.columns[i].length = 200 }
        let (_, f) = Fixture.run("TD0107", [bad], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].severity == .warning && f[0].row == nil && f[0].value == "200")
        #expect(f[0].message == "AETERM is declared with length 200; the spec AE gives 20 (no value is longer, so only the declaration is off)")
    }

    @Test func labelMismatch() {
        #expect(Fixture.run("TD0108", [good], specs: Fixture.specs()).1.isEmpty)
        var bad = good
        if let i = bad.columnIndex("AESEV") { bad.columns[i].label = "Severity" }
        let (_, f) = Fixture.run("TD0108", [bad], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].variable == "AESEV" && f[0].value == "Severity" && f[0].expected == "Severity/Intensity")
        #expect(f[0].message == "AESEV is labelled 'Severity'; the spec AE labels it 'Severity/Intensity'")
    }

    @Test func variableOrder() {
        #expect(Fixture.run("TD0109", [good], specs: Fixture.specs()).1.isEmpty)
        var bad = good
        bad.columns.swapAt(3, 4)  // AESTDTC before AESEV
        let (_, f) = Fixture.run("TD0109", [bad], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].variable == "AESEV")
        #expect(f[0].message == "AESEV comes after AESTDTC in the data but before it in the spec AE")
    }
}
