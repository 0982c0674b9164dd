import Testing
import TrialCore
@testable import Validation

/// Odd inputs from elsewhere never crash the rule set: empty datasets, numeric where text is
/// expected, text where numbers are expected, subjects missing, ragged specs.
@Suite struct RobustnessTests {
    @Test func oddInputsAreReportedNotCrashed() {
        let empty = Dataset(name: "EMPTY")
        let noRows = Fixture.table("AE", "USUBJID|AESEQ:N|AESTDTC|AESTDY:N", [])
        let numericDates = Dataset(name: "QS", columns: [
            .character("USUBJID", ["S1", ""]), .numeric("QSDTC", [22281, nil]), .character("QSSTRESN", ["x", "3"]),
            .character("QSSTAT", ["NOT DONE", "NOT DONE"]), .character("DOMAIN", ["QS", "QS"]),
        ])
        let textNumbers = Fixture.table("ADTTE", "USUBJID|CNSR|AVAL|ADT|STARTDT|SRCDOM|SRCSEQ|PARAMCD|PARAM",
                                        ["S1|x|-|2021-13-01|2021-01-01|ZZ|abc||"])
        let dm = Fixture.table("DM", "USUBJID|RFSTDTC|DTHDTC|AGE|BRTHDTC", ["S1|2021|2020-02-30|abc|19X0"])
        let report = Validator().validate(datasets: [empty, noRows, numericDates, textNumbers, dm],
                                          specs: Fixture.specs())
        #expect(report.rules.count == RuleSet.standard.rules.count)
        // QSDTC stored as a number is not ISO 8601 text.
        #expect(report.findings.contains { $0.ruleID == "TD0301" && $0.dataset == "QS" && $0.row == nil && $0.value == "22281"
            && $0.message == "QSDTC is numeric (e.g. 22281, which as a SAS date is 2021-01-01); --DTC variables hold ISO 8601 text" })
        // The result of an item marked NOT DONE is reported even when stored as text.
        #expect(report.findings.contains { $0.ruleID == "TD0602" && $0.row == 2 && $0.value == "3" })
        // CNSR 'x' is not a number; AVAL '-' is missing; SRCDOM ZZ is not in the input.
        #expect(report.findings.contains { $0.ruleID == "TD0802" && $0.message == "CNSR is 'x', not a number" })
        #expect(report.findings.contains { $0.ruleID == "TD0805" && $0.severity == .notice })
        // The invalid death date is reported; no date is "after death" against it.
        #expect(report.findings.contains { $0.ruleID == "TD0301" && $0.dataset == "DM" && $0.variable == "DTHDTC" })
        #expect(!report.findings.contains { $0.ruleID == "TD0306" })
    }

    @Test func findingAsDiagnostic() {
        let f = Finding(ruleID: "TD0301", severity: .error, dataset: "AE", row: 2, usubjid: "S1",
                        variable: "AESTDTC", value: "2021-02-30", message: "bad", expected: "a date")
        #expect(f.diagnostic.description == "AE row 2, AESTDTC: error: TD0301: bad (value '2021-02-30'; expected a date)")
        let n = Finding(ruleID: "TD0101", severity: .notice, dataset: "ZZ", message: "no spec")
        #expect(n.diagnostic.severity == .note && n.diagnostic.location == .dataset(name: "ZZ", row: 0, variable: nil))
    }
}
