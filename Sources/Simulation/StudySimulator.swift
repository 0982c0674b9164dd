import Foundation
import StudyModel
import TrialCore

/// Generates a synthetic CRLM-LOCAL study from a `SimulationConfig`: deterministic (same
/// config, same study), no I/O.
///
/// ```swift
/// let study = StudySimulator(config: .crlm(subjects: 240, seed: 20260401)).generate()
/// study.data.subjects.count          // 240
/// study.truth.marginal.osHazardRatio // true marginal HR of Group I vs II
/// ```
public struct StudySimulator: Sendable {
    /// The configuration.
    public var config: SimulationConfig

    /// A simulator for `config`.
    public init(config: SimulationConfig) { self.config = config }

    /// One enrolled subject before simulation: original draw index, site and inclusion day.
    struct Enrolment {
        var index: Int
        var site: Int
        var inclusionDay: Int
        var subjectID: String = ""
    }

    /// Sites (unequal sizes, staggered activation 20 days apart) and inclusion days, then
    /// subject ids `0SS-NNN` numbered per site in order of inclusion.
    func enrol() -> [Enrolment] {
        var rng = Xoshiro256StarStar(seed: config.seed, stream: 0)
        var out: [Enrolment] = []
        out.reserveCapacity(config.subjects)
        for i in 0..<config.subjects {
            let site = rng.categorical(config.siteWeights) + 1
            let start = (site - 1) * 20
            let day = start + rng.int(in: 0...max(0, config.accrualDays - 1 - start))
            out.append(Enrolment(index: i, site: site, inclusionDay: day))
        }
        out.sort { ($0.site, $0.inclusionDay, $0.index) < ($1.site, $1.inclusionDay, $1.index) }
        var counts = [Int](repeating: 0, count: config.siteWeights.count + 1)
        for e in out { counts[e.site] += 1 }
        let width = max(3, String(counts.max() ?? 0).count)
        var seq = [Int](repeating: 0, count: counts.count)
        for k in out.indices {
            seq[out[k].site] += 1
            out[k].subjectID = Self.pad(out[k].site, 3) + "-" + Self.pad(seq[out[k].site], width)
        }
        return out
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Simulates the study and computes its truth.
    public func generate() -> SimulatedStudy {
        let enrolment = enrol()
        // Subjects are independent (one random stream each): simulate them in chunks in
        // parallel, plus the marginal-effect population, then concatenate in subject order.
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 2, enrolment.count / 1000))
        let config = self.config
        enum Part: Sendable { case subjects([(SubjectRecords, SubjectTruth)]), marginal(MarginalEffect) }
        let parts = ParallelSlots.run(chunks + 1) { c -> Part in
            if c == chunks { return .marginal(StudySimulator(config: config).marginalEffect()) }
            let lo = enrolment.count * c / chunks, hi = enrolment.count * (c + 1) / chunks
            return .subjects(enrolment[lo..<hi].map { e in
                var rng = Xoshiro256StarStar(seed: config.seed, stream: UInt64(e.index) + 1)
                var latent = LatentSubject.draw(&rng, config: config)
                latent.siteNumber = e.site
                latent.inclusionDay = e.inclusionDay
                var sim = SubjectSimulator(config: config, latent: latent, subjectID: e.subjectID,
                                           siteID: Self.pad(e.site, 2),
                                           inclusion: config.accrualStart.adding(days: e.inclusionDay), rng: rng)
                return sim.simulate()
            })
        }
        var data = StudyData(studyID: config.studyID)
        var truths: [SubjectTruth] = []
        truths.reserveCapacity(enrolment.count)
        data.subjects.reserveCapacity(enrolment.count)
        var marginal: MarginalEffect? = nil
        for part in parts {
            switch part {
            case .marginal(let m): marginal = m
            case .subjects(let list):
                for (r, t) in list {
                    data.subjects.append(r.subject)
                    data.procedures += r.procedures
                    data.systemicTherapies += r.therapies
                    data.lesions += r.lesions
                    data.responses += r.responses
                    data.adverseEvents += r.adverseEvents
                    data.questionnaires += r.questionnaires
                    if let d = r.disposition { data.dispositions.append(d) }
                    data.visits += r.visits
                    truths.append(t)
                }
            }
        }
        // Key order, as the Binder returns bound records.
        data.lesions.sort { ($0.subjectID, $0.visit.number, $0.lesionID) < ($1.subjectID, $1.visit.number, $1.lesionID) }
        let truth = Truth(
            studyID: config.studyID, seed: config.seed, subjectCount: config.subjects,
            generator: "\(ToolVersion.originator) simulate", timeUnit: "days from inclusion (inclusion = day 0 = study day 1)",
            overallSurvival: config.overallSurvival, liverProgression: config.liverProgression,
            extrahepaticProgression: config.extrahepaticProgression, eventTimeCorrelation: config.eventTimeCorrelation,
            allocation: config.allocation, dropoutPerYear: config.dropoutPerYear,
            administrativeCensoringDays: config.followUpDays, marginal: marginal ?? marginalEffect(),
            sample: Self.summarize(truths), subjects: truths)
        return SimulatedStudy(data: data, truth: truth)
    }

    /// Counts and naive hazard ratios of the sample.
    static func summarize(_ t: [SubjectTruth]) -> SampleSummary {
        let g = t.map { $0.group == TreatmentGroup.groupI.rawValue }
        let os = CoxBinaryCovariate(times: t.map { Double($0.osDays) }, events: t.map { $0.osEvent == 1 }, x: g)
        let pfs = CoxBinaryCovariate(times: t.map { Double($0.liverPFSDays) }, events: t.map { $0.liverPFSEvent == 1 }, x: g)
        let deathsI = zip(t, g).filter { $0.1 && $0.0.osEvent == 1 }.count
        let deaths = t.filter { $0.osEvent == 1 }.count
        let groupI = g.filter { $0 }.count
        let withdrawn = t.filter { $0.osEvent == 0 && $0.dropoutDay < Double($0.followUpEndDay) && $0.deathDay > $0.dropoutDay }.count
        return SampleSummary(groupI: groupI, groupII: t.count - groupI, deaths: deaths, deathsGroupI: deathsI,
                             deathsGroupII: deaths - deathsI, withdrawn: withdrawn,
                             liverPFSEvents: t.filter { $0.liverPFSEvent == 1 }.count,
                             naiveOSHazardRatio: os.hazardRatio, naiveOSLogHazardRatioSE: os.standardError,
                             naiveLiverPFSHazardRatio: pfs.hazardRatio)
    }

    /// The true marginal HRs from both potential outcomes of `config.marginalPopulation`
    /// subjects drawn from the same covariate distribution (see `MarginalEffect`).
    public func marginalEffect() -> MarginalEffect {
        let n = config.marginalPopulation
        let horizon = Double(config.followUpDays)
        var osT: [Double] = [], osE: [Bool] = [], pfsT: [Double] = [], pfsE: [Bool] = [], x: [Bool] = []
        osT.reserveCapacity(2 * n); osE.reserveCapacity(2 * n); pfsT.reserveCapacity(2 * n)
        pfsE.reserveCapacity(2 * n); x.reserveCapacity(2 * n)
        var alive2y = [0, 0]
        for i in 0..<n {
            var rng = Xoshiro256StarStar(seed: config.seed ^ 0x6D61_7267_696E_616C, stream: UInt64(i))
            let s = LatentSubject.draw(&rng, config: config)
            for g in [true, false] {
                let d = s.latentTime(config.overallSurvival, score: s.deathScore, groupI: g)
                let l = min(d, s.latentTime(config.liverProgression, score: s.liverScore, groupI: g))
                osT.append(min(d, horizon)); osE.append(d <= horizon)
                pfsT.append(min(l, horizon)); pfsE.append(l <= horizon)
                x.append(g)
                if d > horizon { alive2y[g ? 0 : 1] += 1 }
            }
        }
        let os = CoxBinaryCovariate(times: osT, events: osE, x: x)
        let pfs = CoxBinaryCovariate(times: pfsT, events: pfsE, x: x)
        return MarginalEffect(
            population: n,
            method: "both potential outcomes for N simulated subjects (same latent uniforms), Cox with group only on the 2N records, administrative censoring at \(config.followUpDays) days, Breslow ties",
            conditionalOSHazardRatio: exp(config.overallSurvival.coefficients.groupI),
            osHazardRatio: os.hazardRatio, osLogHazardRatio: os.logHazardRatio,
            liverPFSHazardRatio: pfs.hazardRatio,
            osSurvival2YearsGroupI: Double(alive2y[0]) / Double(n), osSurvival2YearsGroupII: Double(alive2y[1]) / Double(n))
    }
}
