import Foundation
import StudyModel
import Testing
import TrialCore
@testable import Simulation

@Suite struct StudySimulatorTests {
    static func config(_ n: Int, _ seed: UInt64) -> SimulationConfig {
        var c = SimulationConfig.crlm(subjects: n, seed: seed)
        c.marginalPopulation = 20_000
        return c
    }
    static let small = StudySimulator(config: config(240, 20_260_401)).generate()
    static let large: SimulatedStudy = {
        var c = SimulationConfig.crlm(subjects: 3000, seed: 99)
        c.marginalPopulation = 50_000
        return StudySimulator(config: c).generate()
    }()

    @Test func sameSeedSameStudyAndSameTruthBytes() {
        let again = StudySimulator(config: Self.config(240, 20_260_401)).generate()
        #expect(again.data == Self.small.data)
        #expect(again.truth.jsonData() == Self.small.truth.jsonData())
        let other = StudySimulator(config: Self.config(240, 1)).generate()
        #expect(other.data != Self.small.data)
    }

    @Test func subjectsAreIdentifiedAndSorted() {
        let s = Self.small.data.subjects
        #expect(s.count == 240)
        #expect(s.map(\.subjectID) == s.map(\.subjectID).sorted())
        #expect(Set(s.map(\.subjectID)).count == 240)
        #expect(s.allSatisfy { $0.subjectID.count == 7 && $0.subjectID.hasPrefix("0" + $0.siteID + "-") })
        // Sites of different sizes, at least 6 of the 8 used.
        let sizes = Dictionary(grouping: s, by: \.siteID).mapValues(\.count)
        #expect(sizes.count >= 6)
        #expect(sizes.values.max()! >= 2 * sizes.values.min()!)
        #expect(Self.small.truth.subjects.map(\.subjectID) == s.map(\.subjectID))
    }

    /// Allocation by willingness: fitter patients choose Group I more often, so the naive HR
    /// overstates the benefit compared with the true marginal HR.
    @Test func intendedEffectsAreVisible() {
        let s = Self.large.data.subjects
        func share(_ g: TreatmentGroup, _ p: (Subject) -> Bool) -> Double {
            let inG = s.filter { $0.group == g }
            return Double(inG.filter(p).count) / Double(inG.count)
        }
        #expect(share(.groupI) { $0.ecog == 0 } > share(.groupII) { $0.ecog == 0 } + 0.15)
        #expect(share(.groupI) { $0.baseline.extrahepaticSiteCount == 1 } > share(.groupII) { $0.baseline.extrahepaticSiteCount == 1 })
        let truth = Self.large.truth
        let groupIShare = Double(truth.sample.groupI) / 3000
        #expect(groupIShare > 0.3 && groupIShare < 0.55)
        // About a third dead by 2 years (STUDY.md).
        let dead = Double(truth.sample.deaths) / 3000
        #expect(dead > 0.27 && dead < 0.42)
        // Conditional HR 0.70; marginal HR between it and 1; naive HR clearly below the marginal.
        #expect(abs(truth.marginal.conditionalOSHazardRatio - 0.6998) < 1e-3)
        #expect(truth.marginal.osHazardRatio > truth.marginal.conditionalOSHazardRatio)
        #expect(truth.marginal.osHazardRatio < 0.85)
        #expect(truth.sample.naiveOSHazardRatio < truth.marginal.osHazardRatio - 0.08)
        // Group I gets radical procedures, Group II only TACE/HAIC.
        let groupOf = Dictionary(uniqueKeysWithValues: s.map { ($0.subjectID, $0.group) })
        #expect(Self.large.data.procedures.allSatisfy { $0.type.isRadical == (groupOf[$0.subjectID] == .groupI) })
        // More early post-procedure AEs related to local treatment in Group I.
        let related = Self.large.data.adverseEvents.filter { $0.relationToLocalTreatment == .related }
        #expect(related.allSatisfy { groupOf[$0.subjectID] == .groupI })
        #expect(related.count > truth.sample.groupI / 2)
    }

    @Test func questionnairesAreRealistic() {
        let q = Self.large.data.questionnaires
        let missing = Double(q.filter { !$0.done }.count) / Double(q.count)
        #expect(missing > 0.08 && missing < 0.22)
        for r in q where r.done {
            #expect(r.items.count == 30)
            for (i, v) in r.items.enumerated() { if let v { #expect(QLQC30Response.range(ofItem: i + 1).contains(v)) } }
        }
        let doneItems = q.filter(\.done).flatMap(\.items)
        let missingItems = Double(doneItems.filter { $0 == nil }.count) / Double(doneItems.count)
        #expect(missingItems > 0.005 && missingItems < 0.03)
        // Items of the physical-functioning scale correlate (items 1 and 2).
        let pairs = q.filter(\.done).compactMap { r -> (Double, Double)? in
            guard let a = r.items[0], let b = r.items[1] else { return nil }
            return (Double(a), Double(b))
        }
        #expect(Self.correlation(pairs) > 0.3)
    }

    static func correlation(_ p: [(Double, Double)]) -> Double {
        let n = Double(p.count)
        let mx = p.map(\.0).reduce(0, +) / n, my = p.map(\.1).reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in p { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx); syy += (y - my) * (y - my) }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Records agree with each other and with the truth: liver PD at the assessment the truth
    /// names, nothing after death, grade 5 AEs only with death by AE.
    @Test func recordsAreConsistent() {
        let d = Self.large.data
        let truth = Dictionary(uniqueKeysWithValues: Self.large.truth.subjects.map { ($0.subjectID, $0) })
        let subjects = Dictionary(uniqueKeysWithValues: d.subjects.map { ($0.subjectID, $0) })
        func day(_ id: String, _ p: PartialDateTime?) -> Int? {
            guard let date = p?.date, let inc = subjects[id]?.inclusionDate?.date else { return nil }
            return inc.days(to: date)
        }
        let responses = Dictionary(grouping: d.responses, by: \.subjectID)
        for (id, t) in truth {
            let firstPD = responses[id]?.first { $0.intrahepatic == .pd }
            #expect(firstPD.flatMap { day(id, $0.date) } == t.liverProgressionAssessmentDay)
            if t.liverProgressionAssessmentDay != nil { #expect(t.liverProgressionDay <= Double(t.liverProgressionAssessmentDay!)) }
        }
        let disp = Dictionary(uniqueKeysWithValues: d.dispositions.map { ($0.subjectID, $0) })
        #expect(disp.count == d.subjects.count)
        for r in d.responses {
            guard let dd = disp[r.subjectID], dd.status == .died, let death = day(r.subjectID, dd.deathDate) else { continue }
            #expect(day(r.subjectID, r.date)! < death)
        }
        let fatal = d.adverseEvents.filter { $0.grade == 5 }
        #expect(!fatal.isEmpty)
        for ae in fatal {
            #expect(disp[ae.subjectID]?.deathCause == .adverseEvent)
            #expect(ae.outcome == .fatal)
        }
        #expect(d.dispositions.filter { $0.deathCause == .adverseEvent }.count == fatal.count)
        // Every lesion response of the liver is PD when a new liver lesion is present.
        let newLiver = Set(d.lesions.filter { $0.category == .new && $0.organ == .liver }.map { "\($0.subjectID)|\($0.visit)" })
        for r in d.responses where newLiver.contains("\(r.subjectID)|\(r.visit)") { #expect(r.intrahepatic == .pd) }
        // Partial dates exist (birth dates and AE starts).
        #expect(d.subjects.contains { $0.birthDate?.isCompleteDate == false })
        #expect(d.adverseEvents.contains { $0.startDate?.isCompleteDate == false })
    }
}
