import Testing
import TrialCore
@testable import ADaM

/// `ADQSDerivation.assemble` (derivations once per questionnaire, then per subject and
/// parameter) gives exactly the dataset of `assembleRowWise` (the Dataset derivations on every
/// row, then sorted) — values, row order and column metadata — on questionnaires made to hit
/// the corner cases: subjects interleaved and absent from ADSL, partial, empty and malformed
/// dates (imputed, bounded by DTHDT), tied dates and sequence numbers, unanswered items, every
/// tie rule and both baseline rules.
@Suite struct ADQSAssembleTests {
    /// A small deterministic generator (64-bit LCG) so that the cases are the same every run.
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static let adsl = Dataset(name: "ADSL", columns: [
        .character("USUBJID", ["S1", "S2", "S3", "S4", "S5"]),
        .character("TRT01P", ["ARM A", "ARM B", "ARM A", "ARM B", "ARM A"]),
        .numeric("TRT01PN", [1, 2, 1, 2, 1]),
        .numeric("ENRLDT", format: "DATE9.", [TestSupport.sas("2021-01-01"), TestSupport.sas("2021-02-15"), nil,
                                             TestSupport.sas("2020-12-20"), TestSupport.sas("2021-03-31")]),
        .numeric("DTHDT", format: "DATE9.", [nil, TestSupport.sas("2021-05-10"), nil, TestSupport.sas("2021-01-03"), nil]),
    ])

    /// `count` questionnaires over subjects S1–S6 (S6 is not in ADSL), in random order.
    static func questionnaires(count: Int, seed: UInt64) -> [ADQSDerivation.Questionnaire] {
        var g = Generator(state: seed)
        let dates = ["2020-12-30", "2021-01-01", "2021-01-05", "2021-04-02", "2021-04-12", "2021-05-09", "2021-07-01",
                     "2021-01", "2021-05", "2021", "", "2021-13-01", "2021-04-02T10:00"]
        return (0..<count).map { _ in
            let subject = "S\(1 + g.next(6))"
            var items: [Int: Double] = [:]
            let answered = g.next(4)   // 0: none, 1: a few, 2–3: most items
            for item in 1...30 where answered > 0 && g.next(4) < answered + 1 {
                items[item] = Double(1 + g.next(item >= 29 ? 7 : 4))
            }
            let visitnum = g.next(5)
            return ADQSDerivation.Questionnaire(
                studyid: "ST", usubjid: subject, visit: "VISIT \(visitnum)",
                visitnum: visitnum == 4 ? .character("") : .number(Double(visitnum)), dtc: dates[g.next(dates.count)],
                firstSeq: Double(g.next(8)), items: items)
        }
    }

    @Test(arguments: [
        (nil, BaselineRule.lastOnOrBefore(day: 1), VisitWindows.TieRule.closest),
        (DateImputation(rule: .first, highest: .month), .lastOnOrBefore(day: 1), .first),
        (DateImputation(rule: .last, highest: .month), .analysisVisit(0), .last),
        (DateImputation(rule: .middle, highest: .day), .analysisVisit(3), .closest),
        (DateImputation(rule: .last, highest: .day), .lastOnOrBefore(day: 100), .last),
    ] as [(DateImputation?, BaselineRule, VisitWindows.TieRule)])
    func sameAsRowWise(imputation: DateImputation?, baseline: BaselineRule, tieRule: VisitWindows.TieRule) {
        let config = ADQSConfig(imputation: imputation, baseline: baseline)
        let visits = VisitWindows.monthly(every: 3, through: 12, halfWidth: 20, tieRule: tieRule)
        for seed: UInt64 in [1, 2, 3] {
            let qs = Self.questionnaires(count: 120, seed: seed)
            let fast = ADQSDerivation.assemble(qs, adsl: Self.adsl, config: config, visits: visits)
            let reference = ADQSDerivation.assembleRowWise(qs, adsl: Self.adsl, config: config, visits: visits)
            #expect(fast.rowCount == 120 * 16)
            #expect(fast == reference)
            // The cases are not vacuous: flags, imputed dates and changes occur.
            #expect(fast.column("ANL01FL")!.values.contains(.character("Y")))
            #expect(fast.column("ABLFL")!.values.contains(.character("Y")))
            #expect(fast.column("CHG")!.values.contains { $0.number != nil })
            if imputation != nil { #expect(fast.column("ADTF")!.values.contains(.character("D"))) }
        }
    }

    @Test func sameAsRowWiseWithoutADSLOrRows() {
        let config = ADQSConfig(imputation: DateImputation())
        let qs = Self.questionnaires(count: 40, seed: 9)
        #expect(ADQSDerivation.assemble(qs, adsl: nil, config: config, visits: .monthly())
                == ADQSDerivation.assembleRowWise(qs, adsl: nil, config: config, visits: .monthly()))
        #expect(ADQSDerivation.assemble([], adsl: Self.adsl, config: config, visits: .monthly())
                == ADQSDerivation.assembleRowWise([], adsl: Self.adsl, config: config, visits: .monthly()))
    }
}
