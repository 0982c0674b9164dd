import Testing
import TrialCore
@testable import ADaM

/// Partial-date imputation: each expected date is worked out by hand from the rule.
@Suite struct DateImputationTests {
    func d(_ s: String) -> CalendarDate { (try! PartialDateTime.parseISO8601(s)).date! }

    @Test func completeDateIsNotImputed() {
        let r = DateImputation(rule: .last).impute("2021-05-17T10:00")
        #expect(r == ImputedDate(date: d("2021-05-17"), flag: nil))
    }

    @Test func missingDayFirstMiddleLast() {
        #expect(DateImputation(rule: .first).impute("2021-02") == ImputedDate(date: d("2021-02-01"), flag: "D"))
        #expect(DateImputation(rule: .middle).impute("2021-02") == ImputedDate(date: d("2021-02-15"), flag: "D"))
        #expect(DateImputation(rule: .last).impute("2021-02") == ImputedDate(date: d("2021-02-28"), flag: "D"))
        #expect(DateImputation(rule: .last).impute("2020-02") == ImputedDate(date: d("2020-02-29"), flag: "D"))
    }

    @Test func missingMonthAndDay() {
        #expect(DateImputation(rule: .first).impute("2021") == ImputedDate(date: d("2021-01-01"), flag: "M"))
        #expect(DateImputation(rule: .middle).impute("2021") == ImputedDate(date: d("2021-06-30"), flag: "M"))
        #expect(DateImputation(rule: .last).impute("2021") == ImputedDate(date: d("2021-12-31"), flag: "M"))
        // Unknown inner month: the day is not kept.
        #expect(DateImputation(rule: .first).impute("2021---15") == ImputedDate(date: d("2021-01-01"), flag: "M"))
    }

    @Test func highestLevelDayLeavesYearOnlyMissing() {
        #expect(DateImputation(rule: .first, highest: .day).impute("2021") == nil)
        #expect(DateImputation(rule: .first, highest: .day).impute("2021-03") == ImputedDate(date: d("2021-03-01"), flag: "D"))
    }

    @Test func missingOrMalformedGivesNil() {
        #expect(DateImputation().impute("") == nil)
        #expect(DateImputation().impute("2021-13") == nil)
        #expect(DateImputation().impute("--05-03") == nil)
    }

    @Test func neverAfterAReferenceDateInsideTheRange() {
        // Death 2021-05-10; AE end "2021-05" with rule last would be 2021-05-31 → 2021-05-10.
        let r = DateImputation(rule: .last).impute("2021-05", notAfter: [d("2021-05-10")])
        #expect(r == ImputedDate(date: d("2021-05-10"), flag: "D"))
        // A reference outside the possible range is ignored.
        let r2 = DateImputation(rule: .last).impute("2021-05", notAfter: [d("2021-04-10")])
        #expect(r2 == ImputedDate(date: d("2021-05-31"), flag: "D"))
        // Year-only with cut-off in the year.
        let r3 = DateImputation(rule: .middle).impute("2021", notAfter: [d("2021-03-01"), d("2021-05-01")])
        #expect(r3 == ImputedDate(date: d("2021-03-01"), flag: "M"))
    }

    @Test func neverBeforeAReferenceDateInsideTheRange() {
        // Treatment start 2021-05-20; AE start "2021-05" with rule first → 2021-05-20.
        let r = DateImputation(rule: .first).impute("2021-05", notBefore: [d("2021-05-20")])
        #expect(r == ImputedDate(date: d("2021-05-20"), flag: "D"))
    }

    @Test func deriveVarsDTAddsDateAndFlagColumns() {
        var ds = TestSupport.dataset("AE", ["AESTDTC", "DTHDT"], [["2021-05", "22410"], ["2021-05-03", ""], ["", ""]],
                                     numeric: ["DTHDT"])
        // 22410 = 2021-05-10
        #expect(CalendarDate(sasDate: 22410) == d("2021-05-10"))
        ds.deriveVarsDT(prefix: "AEN", dtc: "AESTDTC", imputation: DateImputation(rule: .last), notAfter: ["DTHDT"])
        #expect(ds.column("AENDT")!.values == [.number(22410), .number(TestSupport.sas("2021-05-03")), .dot])
        #expect(ds.column("AENDTF")!.values.map(\.text) == ["D", "", ""])
        #expect(ds.column("AENDT")!.format == "DATE9.")
    }
}
