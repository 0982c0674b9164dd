import Foundation
import StudyModel
import TrialCore

/// Turns one `LatentSubject` into the records a site would enter: visits, procedures,
/// therapy lines, tumour assessments, adverse events, questionnaires and disposition.
///
/// All randomness comes from the subject's own stream, so a subject's records do not depend on
/// how many other subjects are simulated. Days are counted from inclusion (day 0).
struct SubjectSimulator {
    let config: SimulationConfig
    let latent: LatentSubject
    let subjectID: String
    let siteID: String
    let inclusion: CalendarDate
    var rng: Xoshiro256StarStar

    /// How follow-up ended.
    enum Ending { case died, withdrawn, completed }

    /// A visit of the subject's schedule.
    struct PlannedVisit {
        var visit: Visit
        var day: Int
        var done: Bool
        var reasonNotDone: String?
    }

    /// One imaging assessment.
    struct Assessment {
        var visit: Visit
        var day: Int
        var method: ImagingMethod
        var extrahepaticNotEvaluable = false
    }

    /// A lesion followed from baseline (or from the assessment where it appeared).
    struct TrackedLesion {
        var id: String
        var organ: LesionOrgan
        var segment: Int?
        var category: LesionCategory
        var baselineMM: Double?
        var isLiver: Bool { organ == .liver }
    }

    func date(_ day: Int) -> CalendarDate { inclusion.adding(days: day) }
    func full(_ day: Int) -> PartialDateTime { PartialDateTime(date(day)) }
    /// A date with its day unknown (month precision), as sites write `UN-MAR-2021`.
    func monthOnly(_ day: Int) -> PartialDateTime {
        let d = date(day)
        return PartialDateTime(year: d.year, month: d.month)
    }

    // MARK: - Whole subject

    mutating func simulate() -> (SubjectRecords, SubjectTruth) {
        let g = latent.groupI
        let os = config.overallSurvival
        let tDeath = latent.latentTime(os, score: latent.deathScore, groupI: g)
        let tDeathI = latent.latentTime(os, score: latent.deathScore, groupI: true)
        let tDeathII = latent.latentTime(os, score: latent.deathScore, groupI: false)
        let tLiver = latent.latentTime(config.liverProgression, score: latent.liverScore, groupI: g)
        let tExtra = latent.latentTime(config.extrahepaticProgression, score: latent.extrahepaticScore, groupI: g)

        // End of follow-up: death, dropout or the month-24 visit, whichever comes first.
        let m24 = config.followUpDays + rng.int(in: -Visit.windowDays...Visit.windowDays)
        let deathDay = max(1, Int(min(tDeath, 1e7)))
        let dropDay = max(1, Int(min(latent.dropoutDays, 1e7)))
        let ending: Ending
        let endDay: Int
        if deathDay < m24 && deathDay < dropDay { ending = .died; endDay = deathDay }
        else if dropDay < m24 { ending = .withdrawn; endDay = dropDay }
        else { ending = .completed; endDay = m24 }

        var plan = planVisits(endDay: endDay, m24: m24, ending: ending)
        let (procedures, radicalDay) = simulateProcedures(endDay: endDay)
        var assessments = planAssessments(plan: &plan, tLiver: tLiver, endDay: endDay, radicalDay: radicalDay)
        let liverPD = assessments.indices.dropFirst().first { Double(assessments[$0].day) >= tLiver }
        let extraPD = assessments.indices.dropFirst().first { Double(assessments[$0].day) >= tExtra }
        for i in assessments.indices.dropFirst() where i != extraPD && rng.bernoulli(0.02) {
            assessments[i].extrahepaticNotEvaluable = true
        }
        let (lesions, responses) = simulateTumours(assessments: assessments, liverPD: liverPD, extraPD: extraPD,
                                                   radicalDay: radicalDay, hadTACE: procedures.contains { !$0.type.isRadical })
        let firstPD = [liverPD, extraPD].compactMap { $0.map { assessments[$0].day } }.min()
        let therapies = simulateTherapies(firstPDDay: firstPD, endDay: endDay, ending: ending)
        var (aes, fatalCause) = simulateAdverseEvents(procedures: procedures, therapies: therapies, endDay: endDay,
                                                      ending: ending, radicalDay: radicalDay)
        let questionnaires = simulateQuestionnaires(plan: plan, tDeath: tDeath, radicalDay: radicalDay,
                                                    liverPDDay: liverPD.map { assessments[$0].day })
        let lastAliveDay = plan.last(where: { $0.done })?.day ?? 0
        let disposition = makeDisposition(ending: ending, endDay: endDay, lastAliveDay: lastAliveDay,
                                          fatalCause: &fatalCause)
        aes.sort { ($0.startDate?.iso8601 ?? "", $0.number) < ($1.startDate?.iso8601 ?? "", $1.number) }
        for i in aes.indices { aes[i].number = i + 1 }

        let records = SubjectRecords(
            subject: makeSubject(), procedures: procedures, therapies: therapies, lesions: lesions,
            responses: responses, adverseEvents: aes, questionnaires: questionnaires, disposition: disposition,
            visits: plan.map { VisitRecord(subjectID: subjectID, visit: $0.visit, date: $0.done ? full($0.day) : nil,
                                           done: $0.done, reasonNotDone: $0.reasonNotDone) })

        // What an analysis can observe.
        let osDays = ending == .died ? deathDay : lastAliveDay
        let liverPDDay = liverPD.map { assessments[$0].day }
        let lastLiverAssessment = assessments.last?.day ?? 0
        let truth = SubjectTruth(
            subjectID: subjectID, siteID: siteID, group: g ? TreatmentGroup.groupI.rawValue : TreatmentGroup.groupII.rawValue,
            probabilityGroupI: latent.probabilityGroupI, age: latent.age, ecog: latent.ecog,
            extrahepaticCount: latent.extrahepaticSites.count, rasMutant: latent.rasTrueMutant, cea: latent.cea,
            osLinearPredictor: latent.linearPredictor(os, groupI: g), deathDay: tDeath, deathDayIfGroupI: tDeathI,
            deathDayIfGroupII: tDeathII, liverProgressionDay: tLiver, extrahepaticProgressionDay: tExtra,
            dropoutDay: latent.dropoutDays, followUpEndDay: m24, osDays: osDays, osEvent: ending == .died ? 1 : 0,
            liverPFSDays: liverPDDay ?? (ending == .died ? deathDay : lastLiverAssessment),
            liverPFSEvent: liverPDDay != nil || ending == .died ? 1 : 0, liverProgressionAssessmentDay: liverPDDay)
        return (records, truth)
    }

    // MARK: - Subject

    mutating func makeSubject() -> Subject {
        let birth = date(-Int(latent.age * 365.25))
        let birthDate: PartialDateTime
        if latent.siteNumber == 3 || latent.siteNumber == 7 {
            birthDate = PartialDateTime(year: birth.year)
        } else if rng.bernoulli(0.05) {
            birthDate = PartialDateTime(year: birth.year, month: birth.month)
        } else {
            birthDate = PartialDateTime(birth)
        }
        let country: String
        let race: Race
        let ethnicity: Ethnicity
        switch latent.siteNumber {
        case 6:
            country = "KOR"; race = .asian; ethnicity = .notHispanicOrLatino
        case 7:
            country = "FRA"
            race = rng.choose([.white, .black, .other, .notReported], weights: [0.85, 0.07, 0.03, 0.05])
            ethnicity = rng.bernoulli(0.8) ? .notHispanicOrLatino : .notReported
        case 8:
            country = "ITA"
            race = rng.bernoulli(0.95) ? .white : .notReported
            ethnicity = rng.bernoulli(0.9) ? .notHispanicOrLatino : .notReported
        default:
            country = "CHN"; race = rng.bernoulli(0.99) ? .asian : .other; ethnicity = .notHispanicOrLatino
        }
        let consent = -rng.int(in: 0...21)
        let baseline = BaselineDisease(
            primarySite: latent.primarySite, primaryResected: latent.primaryResected,
            liverMetastasisTiming: latent.timing, ras: latent.ras, braf: latent.braf, msi: latent.msi,
            ceaNgPerML: latent.ceaRecorded ? latent.cea : nil, liverMetastasisCount: latent.liverCount,
            largestLiverMetastasisMM: latent.largestMM, bilobar: rng.bernoulli(0.02) ? nil : latent.bilobar,
            extrahepaticSites: latent.extrahepaticSites)
        return Subject(subjectID: subjectID, siteID: siteID, birthDate: birthDate, sex: latent.sex, race: race,
                       ethnicity: ethnicity, country: country, consentDate: full(consent), inclusionDate: full(0),
                       group: latent.groupI ? .groupI : .groupII, ecog: latent.ecog, baseline: baseline)
    }

    // MARK: - Visits

    mutating func planVisits(endDay: Int, m24: Int, ending: Ending) -> [PlannedVisit] {
        var plan = [PlannedVisit(visit: .scheduled(month: 0), day: 0, done: true)]
        for m in stride(from: 3, through: 21, by: 3) {
            let v = Visit.scheduled(month: m)
            let day = v.nominalDay! - 1 + rng.int(in: -Visit.windowDays...Visit.windowDays)
            let missed = rng.bernoulli(0.04)
            guard day < endDay else { break }
            plan.append(PlannedVisit(visit: v, day: day, done: !missed,
                                     reasonNotDone: missed ? rng.choose(["PATIENT NOT AVAILABLE", "MISSED VISIT", "PATIENT HOSPITALISED"]) : nil))
        }
        if ending == .completed { plan.append(PlannedVisit(visit: .scheduled(month: 24), day: m24, done: true)) }
        return plan
    }

    /// Imaging at done visits (96% of follow-up visits), plus an unscheduled scan prompted by
    /// symptoms of liver progression in 30% of progressions that fall between visits.
    mutating func planAssessments(plan: inout [PlannedVisit], tLiver: Double, endDay: Int, radicalDay: Int?) -> [Assessment] {
        var out: [Assessment] = []
        for p in plan where p.done {
            let imaged = p.day == 0 || rng.bernoulli(0.96)
            let method: ImagingMethod = rng.choose([.ct, .mri, .petCT], weights: [0.75, 0.20, 0.05])
            if imaged { out.append(Assessment(visit: p.visit, day: p.day, method: method)) }
        }
        guard tLiver < Double(endDay), rng.bernoulli(0.3) else { return out }
        let u = Int(tLiver) + rng.int(in: 7...25)
        let k = out.firstIndex { Double($0.day) >= tLiver } ?? out.count
        guard k >= 1 else { return out }
        let prev = out[k - 1].day
        let next = k < out.count ? out[k].day : endDay
        guard u > prev + 10, u < next - 10, u < endDay, radicalDay.map({ u > $0 }) ?? true else { return out }
        let after = plan.last { $0.day < u && { if case .scheduled = $0.visit { return true } else { return false } }($0) }
        guard case let .scheduled(month)? = after?.visit else { return out }
        let visit = Visit.unscheduled(afterMonth: month, index: 1)
        let at = plan.firstIndex { $0.day > u } ?? plan.count
        plan.insert(PlannedVisit(visit: visit, day: u, done: true), at: at)
        out.insert(Assessment(visit: visit, day: u, method: rng.bernoulli(0.5) ? .ct : .mri), at: k)
        return out
    }

    // MARK: - Procedures

    /// Group I: hepatectomy and/or ablation between day 21 and 70; Group II: TACE/HAIC for 35%.
    /// Returns the procedures and the day of the first radical one.
    mutating func simulateProcedures(endDay: Int) -> ([Procedure], Int?) {
        var out: [Procedure] = []
        func add(_ type: ProcedureType, _ day: Int, _ intent: TreatmentIntent, _ margin: ResectionMargin) {
            out.append(Procedure(subjectID: subjectID, number: out.count + 1, type: type, date: full(day),
                                 intent: intent, margin: margin))
        }
        if latent.groupI {
            let day = rng.int(in: 21...70)
            let intent: TreatmentIntent = rng.bernoulli(0.97) ? .curative : .unknown
            let margin: ResectionMargin = rng.choose([.r0, .r1, .r2, .unknown], weights: [0.80, 0.15, 0.03, 0.02])
            let ablationOnly = latent.liverCount <= 3 && latent.largestMM <= 30 && rng.bernoulli(0.5)
            let ablation: ProcedureType = rng.bernoulli(0.6) ? .rfa : .mwa
            let extraAblation = latent.bilobar && rng.bernoulli(0.4)
            guard day < endDay else { return ([], nil) }
            if ablationOnly {
                add(ablation, day, intent, .notApplicable)
            } else {
                let major = latent.largestMM > 50 || latent.liverCount > 4 || latent.bilobar
                add(major ? .majorHepatectomy : .minorHepatectomy, day, intent, margin)
                if extraAblation { add(ablation, day, intent, .notApplicable) }
            }
            return (out, day)
        }
        guard rng.bernoulli(0.35) else { return ([], nil) }
        let type: ProcedureType = rng.bernoulli(0.6) ? .tace : .haic
        let sessions = rng.int(in: 1...3)
        var day = rng.int(in: 30...120)
        for _ in 0..<sessions {
            guard day < endDay else { break }
            add(type, day, .palliative, .notApplicable)
            day += rng.int(in: 42...90)
        }
        return (out, nil)
    }
}
