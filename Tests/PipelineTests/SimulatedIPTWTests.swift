import Foundation
import Testing
import TrialCore
import StudyModel
import Simulation
import Analysis

/// On studies from the Simulation module (allocation by willingness: fitter patients choose
/// Group I), the IPTW hazard ratio lies closer to the true *marginal* OS hazard ratio
/// (`truth.marginal`, both potential outcomes of a large population) than the naive one.
@Suite("IPTW on simulated CRLM studies")
struct SimulatedIPTWTests {
    static let plan = """
    study: CRLM-SIM
    subject: USUBJID
    group: {variable: TRT01P, reference: GROUP II, order: [GROUP I, GROUP II]}
    timeUnit: days
    timePoints: [365, 730]
    atRiskTimes: [0, 365, 730]
    daysPerMonth: 30.4375
    confLevel: 0.95
    confType: log
    ties: breslow
    endpoints: [{paramcd: OS, label: Overall survival}]
    adtte: {subject: USUBJID, paramcd: PARAMCD, time: AVAL, censor: CNSR}
    adjustFor: []
    subgroups: []
    baseline: []
    iptw:
      estimand: ate
      stabilize: true
      covariates:
        - {variable: ECOG, type: factor}
        - {variable: EHSITEN, type: numeric}
        - {variable: CEA, type: numeric, transform: log}
    """

    /// ADSL and ADTTE (OS) from the simulator's per-subject truth records.
    static func datasets(_ truth: Truth) -> (Dataset, Dataset) {
        let s = truth.subjects
        let adsl = Dataset(name: "ADSL", columns: [
            .character("USUBJID", s.map(\.subjectID)), .character("TRT01P", s.map(\.group)),
            .numeric("ECOG", s.map { Double($0.ecog) }), .numeric("EHSITEN", s.map { Double($0.extrahepaticCount) }),
            .numeric("CEA", s.map(\.cea)),
        ])
        let adtte = Dataset(name: "ADTTE", columns: [
            .character("USUBJID", s.map(\.subjectID)), .character("PARAMCD", s.map { _ in "OS" }),
            .numeric("AVAL", s.map { Double($0.osDays) }), .numeric("CNSR", s.map { Double(1 - $0.osEvent) }),
        ])
        return (adsl, adtte)
    }

    @Test func iptwCloserToTrueMarginalHazardRatioThanNaive() throws {
        let plan = try AnalysisPlan.parse(yaml: Self.plan, file: "sim-plan")
        var closer = 0, naiveError = 0.0, iptwError = 0.0
        let seeds: [UInt64] = [101, 202, 303, 404, 505, 606]
        for seed in seeds {
            var config = SimulationConfig.crlm(subjects: 600, seed: seed)
            config.marginalPopulation = 40_000
            let study = StudySimulator(config: config).generate()
            #expect(study.truth.subjects.first?.group == TreatmentGroup.groupI.rawValue || study.truth.subjects.first?.group == TreatmentGroup.groupII.rawValue)
            let truth = study.truth.marginal.osLogHazardRatio
            let (adsl, adtte) = Self.datasets(study.truth)
            let r = try TrialAnalysis.run(plan: plan, adsl: adsl, adtte: adtte)
            let hr = Dictionary(uniqueKeysWithValues: r.endpoints[0].hazardRatios.map { ($0.method, $0.logHR!) })
            let dn = abs(hr["unadjusted"]! - truth), di = abs(hr["iptw"]! - truth)
            naiveError += dn; iptwError += di
            if di < dn { closer += 1 }
        }
        #expect(closer >= 5, "IPTW closer in \(closer) of \(seeds.count) seeds")
        #expect(iptwError < 0.6 * naiveError, "mean |log HR error|: IPTW \(iptwError / 6), naive \(naiveError / 6)")
    }
}
