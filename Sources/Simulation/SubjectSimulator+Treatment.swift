import Foundation
import StudyModel
import TrialCore

extension SubjectSimulator {
    /// Days per cycle of a regimen: 21 for capecitabine-based, 14 otherwise.
    static func cycleDays(_ r: ChemotherapyRegimen) -> Int { r == .capox || r == .capecitabine ? 21 : 14 }

    /// First line from inclusion (perioperative ~6 months in Group I, up to ~1 year in Group II,
    /// stopped at first progression); second line after first progression.
    mutating func simulateTherapies(firstPDDay: Int?, endDay: Int, ending: Ending) -> [SystemicTherapy] {
        var out: [SystemicTherapy] = []
        let leftSided = latent.primarySite == .leftColon || latent.primarySite == .rectum
        let egfrEligible = latent.ras == .wildType && latent.braf != .mutant && leftSided
        func line(_ n: Int, _ regimen: ChemotherapyRegimen, _ agent: TargetedAgent, start: Int, plannedEnd: Int) {
            guard start < endDay else { return }
            var end: Int? = plannedEnd
            if ending == .died {
                let stop = max(start, endDay - rng.int(in: 0...20))
                end = min(plannedEnd, stop)
            } else if plannedEnd >= endDay {
                end = nil  // ongoing at the end of follow-up
            }
            let span = (end ?? endDay) - start
            let cycles = max(1, span / Self.cycleDays(regimen) + 1)
            out.append(SystemicTherapy(subjectID: subjectID, line: n, regimen: regimen, targetedAgent: agent,
                                       startDate: full(start), endDate: end.map { full($0) }, cycles: cycles))
        }
        // Line 1.
        let start1 = rng.int(in: 0...14)
        let regimen1: ChemotherapyRegimen = latent.age < 65 && latent.ecog == 0 && rng.bernoulli(0.15) ? .folfoxiri
            : rng.choose([.folfox, .capox, .folfiri], weights: [0.45, 0.25, 0.30])
        let agent1: TargetedAgent
        if egfrEligible && rng.bernoulli(0.7) { agent1 = rng.bernoulli(0.6) ? .cetuximab : .panitumumab }
        else { agent1 = rng.bernoulli(egfrEligible ? 0.25 : 0.65) ? .bevacizumab : .none }
        let planned = start1 + (latent.groupI ? rng.int(in: 150...200) : rng.int(in: 240...420))
        // Stopped at the first progression, but never before it started (a progression can be
        // seen in the first days, before line 1 starts).
        let end1 = max(start1, min(planned, firstPDDay ?? Int.max))
        line(1, regimen1, agent1, start: start1, plannedEnd: end1)
        // Line 2 after first progression.
        guard let pd = firstPDDay else { return out }
        let start2 = max(end1, pd) + rng.int(in: 7...28)
        let regimen2: ChemotherapyRegimen = switch regimen1 {
        case .folfox, .capox: .folfiri
        case .folfiri: .folfox
        default: .capecitabine
        }
        let agent2: TargetedAgent = egfrEligible && agent1 == .bevacizumab && rng.bernoulli(0.5) ? .panitumumab
            : rng.bernoulli(0.6) ? .bevacizumab : .none
        line(2, regimen2, agent2, start: start2, plannedEnd: start2 + rng.int(in: 120...300))
        return out
    }

    /// One generated AE before numbering.
    private struct DraftAE {
        var term: AETermCatalogue.Term
        var start: Int
        var duration: Int
        var grade: Int
        var fromProcedure: Bool
        var fromChemo: Bool
    }

    /// A verbatim as an investigator types it: one of the term's spellings, in one of three cases.
    mutating func verbatim(_ term: AETermCatalogue.Term) -> String {
        let s = rng.choose(term.spellings)
        switch rng.categorical([0.6, 0.25, 0.15]) {
        case 0: return s
        case 1: return s.uppercased()
        default: return s.lowercased()
        }
    }

    /// Adverse events: early post-procedure events in Group I, post-embolisation events after
    /// TACE/HAIC, chemotherapy events during therapy lines, and a fatal event for some deaths
    /// (post-operative deaths within 90 days of hepatectomy/ablation, and ~6% of other deaths).
    /// Returns the AEs and the death cause implied by a fatal AE, if any.
    mutating func simulateAdverseEvents(procedures: [Procedure], therapies: [SystemicTherapy], endDay: Int,
                                        ending: Ending, radicalDay: Int?) -> ([AdverseEvent], DeathCause?) {
        var drafts: [DraftAE] = []
        func day(_ p: PartialDateTime?) -> Int { p?.date.map { inclusion.days(to: $0) } ?? 0 }
        var seenProcedureDays = Set<Int>()
        for p in procedures {
            let d = day(p.date)
            guard seenProcedureDays.insert(d).inserted || !p.type.isRadical else { continue }
            if p.type.isRadical {
                for _ in 0..<rng.poisson(1.4) {
                    drafts.append(DraftAE(term: rng.choose(AETermCatalogue.postProcedure.map(\.0), weights: AETermCatalogue.postProcedure.map(\.1)),
                                          start: d + rng.int(in: 0...21), duration: rng.int(in: 2...30),
                                          grade: 1 + rng.categorical([0.35, 0.40, 0.20, 0.05]), fromProcedure: true, fromChemo: false))
                }
            } else {
                for _ in 0..<rng.poisson(0.8) {
                    drafts.append(DraftAE(term: rng.choose(AETermCatalogue.postEmbolisationTerms.map(\.0), weights: AETermCatalogue.postEmbolisationTerms.map(\.1)),
                                          start: d + rng.int(in: 0...5), duration: rng.int(in: 1...10),
                                          grade: 1 + rng.categorical([0.5, 0.4, 0.1]), fromProcedure: false, fromChemo: false))
                }
            }
        }
        for th in therapies {
            let s = day(th.startDate)
            let e = th.endDate.map(day) ?? endDay
            var terms = AETermCatalogue.chemotherapy
            if [.folfox, .capox, .folfoxiri].contains(th.regimen) { terms.append((AETermCatalogue.neuropathy, 0.15)) }
            if th.regimen == .capox || th.regimen == .capecitabine { terms.append((AETermCatalogue.handFoot, 0.08)) }
            if th.targetedAgent == .bevacizumab { terms.append((AETermCatalogue.hypertension, 0.08)) }
            if th.targetedAgent == .cetuximab || th.targetedAgent == .panitumumab { terms.append((AETermCatalogue.rash, 0.25)) }
            let count = rng.poisson(2.0 * min(1.5, Double(max(0, e - s)) / 180))
            for _ in 0..<count {
                drafts.append(DraftAE(term: rng.choose(terms.map(\.0), weights: terms.map(\.1)),
                                      start: s + rng.int(in: 0...max(0, e - s)), duration: rng.int(in: 3...60),
                                      grade: 1 + rng.categorical([0.45, 0.35, 0.17, 0.03]), fromProcedure: false, fromChemo: true))
            }
        }
        var out: [AdverseEvent] = []
        let hadRadical = radicalDay != nil
        for d in drafts where d.start < endDay {
            var end: Int? = d.start + d.duration
            var outcome: AEOutcome = rng.choose([.recovered, .recoveredWithSequelae, .recovering], weights: [0.90, 0.05, 0.05])
            if outcome == .recovering || end! >= endDay { end = nil; if outcome != .recovering { outcome = .notRecovered } }
            let serious = d.grade >= 3 && rng.bernoulli(0.45)
            var criteria: [SeriousnessCriterion] = []
            if serious { criteria = d.grade == 4 ? [.lifeThreatening, .hospitalization] : [.hospitalization] }
            let relLocal: Causality = !hadRadical ? .notApplicable : d.fromProcedure ? (rng.bernoulli(0.9) ? .related : .notRelated) : .notRelated
            let relSys: Causality = d.fromChemo ? (rng.bernoulli(0.9) ? .related : .notRelated) : .notRelated
            let action: ActionTaken = !d.fromChemo ? .notApplicable
                : d.grade >= 3 ? rng.choose([.doseReduced, .interrupted, .withdrawn], weights: [0.5, 0.4, 0.1])
                : rng.bernoulli(0.85) ? .doseNotChanged : .doseReduced
            out.append(AdverseEvent(subjectID: subjectID, number: 0, verbatimTerm: verbatim(d.term), grade: d.grade,
                                    serious: serious, seriousnessCriteria: criteria, relationToLocalTreatment: relLocal,
                                    relationToSystemicTherapy: relSys,
                                    startDate: rng.bernoulli(0.04) ? monthOnly(d.start) : full(d.start),
                                    endDate: end.map { rng.bernoulli(0.03) ? monthOnly($0) : full($0) },
                                    outcome: outcome, actionTaken: action))
        }
        // Fatal events.
        guard ending == .died else { return (out, nil) }
        let postOperative = radicalDay.map { endDay - $0 <= 90 } ?? false
        guard postOperative || rng.bernoulli(0.06) else { return (out, nil) }
        let term = postOperative ? rng.choose([AETermCatalogue.hepaticFailure, AETermCatalogue.sepsis], weights: [0.7, 0.3])
            : rng.choose(AETermCatalogue.fatal.map(\.0), weights: AETermCatalogue.fatal.map(\.1))
        let start = max(postOperative ? radicalDay! + 1 : 1, endDay - rng.int(in: 3...20))
        out.append(AdverseEvent(subjectID: subjectID, number: 0, verbatimTerm: verbatim(term), grade: 5, serious: true,
                                seriousnessCriteria: [.death],
                                relationToLocalTreatment: postOperative ? .related : (hadRadical ? .notRelated : .notApplicable),
                                relationToSystemicTherapy: .notRelated, startDate: full(min(start, endDay)),
                                endDate: full(endDay), outcome: .fatal, actionTaken: .notApplicable))
        return (out, .adverseEvent)
    }

    /// The end-of-study record; the death cause is `PROGRESSIVE DISEASE` unless a fatal AE
    /// says otherwise (a few `OTHER`/`UNKNOWN`). Death dates have an unknown day in 3%.
    mutating func makeDisposition(ending: Ending, endDay: Int, lastAliveDay: Int, fatalCause: inout DeathCause?) -> Disposition {
        switch ending {
        case .died:
            let cause = fatalCause ?? rng.choose([.diseaseProgression, .other, .unknown], weights: [0.92, 0.06, 0.02])
            let dd = rng.bernoulli(0.03) ? monthOnly(endDay) : full(endDay)
            return Disposition(subjectID: subjectID, status: .died, date: dd, deathDate: dd, deathCause: cause,
                               lastKnownAliveDate: full(lastAliveDay), withdrawalReason: nil)
        case .withdrawn:
            let reason: WithdrawalReason = rng.choose([.lostToFollowUp, .withdrawalBySubject, .physicianDecision, .other],
                                                      weights: [0.55, 0.30, 0.10, 0.05])
            return Disposition(subjectID: subjectID, status: .withdrawn, date: full(endDay), deathDate: nil, deathCause: nil,
                               lastKnownAliveDate: full(lastAliveDay), withdrawalReason: reason)
        case .completed:
            return Disposition(subjectID: subjectID, status: .completed, date: full(endDay), deathDate: nil, deathCause: nil,
                               lastKnownAliveDate: full(endDay), withdrawalReason: nil)
        }
    }
}
