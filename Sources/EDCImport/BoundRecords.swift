import StudyModel
import TrialCore

/// The model records made from source records, per entity in source order, before the
/// cross-record checks (duplicate keys, subject in DM, baseline merge, death before inclusion).
struct BoundRecords {
    /// A baseline-disease record before it is merged into its subject.
    struct BaselineRecord {
        /// The subject it belongs to.
        var subjectID: String
        /// Where it was read.
        var location: SourceLocation
        /// The disease.
        var disease: BaselineDisease
    }

    var subjects: [Subject] = []
    var baselines: [BaselineRecord] = []
    var procedures: [Procedure] = []
    var systemicTherapies: [SystemicTherapy] = []
    var lesions: [LesionMeasurement] = []
    var responses: [ResponseAssessment] = []
    var adverseEvents: [AdverseEvent] = []
    var questionnaires: [QLQC30Response] = []
    var dispositions: [Disposition] = []
    var visits: [VisitRecord] = []

    /// Appends `other`'s records after these, entity by entity.
    mutating func append(_ other: BoundRecords) {
        func join<R>(_ a: inout [R], _ b: [R]) { if a.isEmpty { a = b } else { a += b } }
        join(&subjects, other.subjects)
        join(&baselines, other.baselines)
        join(&procedures, other.procedures)
        join(&systemicTherapies, other.systemicTherapies)
        join(&lesions, other.lesions)
        join(&responses, other.responses)
        join(&adverseEvents, other.adverseEvents)
        join(&questionnaires, other.questionnaires)
        join(&dispositions, other.dispositions)
        join(&visits, other.visits)
    }

    /// Reads one record of `reader.entity` from its source and appends it to its entity's list;
    /// false, appending nothing, when it has problems (they are in `reader.problems`).
    mutating func add(_ reader: inout FieldReader, location: SourceLocation) -> Bool {
        let provenance = Provenance(location)
        switch reader.kind {
        case .subjects:
            let subjectID = reader.text("subjectID"), siteID = reader.text("siteID"), birth = reader.date("birthDate")
            let sex = reader.code("sex", Sex.self), race = reader.code("race", Race.self)
            let ethnic = reader.code("ethnicity", Ethnicity.self), country = reader.text("country")
            let consent = reader.date("consentDate"), incl = reader.date("inclusionDate")
            let group = reader.code("group", TreatmentGroup.self), ecog = reader.int("ecog")
            guard let subjectID, let siteID, let sex, let race, let ethnic, let country, let group else { return false }
            guard reader.problems.isEmpty else { return false }
            subjects.append(Subject(subjectID: subjectID, siteID: siteID, birthDate: birth, sex: sex, race: race, ethnicity: ethnic,
                                 country: country, consentDate: consent, inclusionDate: incl, group: group, ecog: ecog,
                                 baseline: BoundRecords.placeholderBaseline, provenance: provenance))
        case .baseline:
            let subjectID = reader.text("subjectID"), site = reader.code("primarySite", PrimarySite.self)
            let resected = reader.bool("primaryResected"), timing = reader.code("liverMetastasisTiming", MetastasisTiming.self)
            let ras = reader.code("ras", MutationStatus.self), braf = reader.code("braf", MutationStatus.self)
            let msi = reader.code("msi", MSIStatus.self), cea = reader.double("ceaNgPerML")
            let count = reader.int("liverMetastasisCount"), size = reader.double("largestLiverMetastasisMM")
            let bilobar = reader.bool("bilobar"), sites = reader.codeList("extrahepaticSites", ExtrahepaticSite.self)
            guard let subjectID, let site, let timing, let ras, let braf, let msi else { return false }
            guard reader.problems.isEmpty else { return false }
            baselines.append(BaselineRecord(subjectID: subjectID, location: location, disease: BaselineDisease(primarySite: site, primaryResected: resected, liverMetastasisTiming: timing,
                                                                 ras: ras, braf: braf, msi: msi, ceaNgPerML: cea, liverMetastasisCount: count,
                                                                 largestLiverMetastasisMM: size, bilobar: bilobar, extrahepaticSites: sites)))
        case .procedures:
            let subjectID = reader.text("subjectID"), number = reader.int("number"), type = reader.code("type", ProcedureType.self)
            let date = reader.date("date"), intent = reader.code("intent", TreatmentIntent.self)
            let margin = reader.code("margin", ResectionMargin.self)
            guard let subjectID, let number, let type, let intent, let margin else { return false }
            guard reader.problems.isEmpty else { return false }
            procedures.append(Procedure(subjectID: subjectID, number: number, type: type, date: date, intent: intent, margin: margin,
                                     provenance: provenance))
        case .systemicTherapies:
            let subjectID = reader.text("subjectID"), line = reader.int("line")
            let regimen = reader.code("regimen", ChemotherapyRegimen.self), agent = reader.code("targetedAgent", TargetedAgent.self)
            let start = reader.date("startDate"), end = reader.date("endDate"), cycles = reader.int("cycles")
            guard let subjectID, let line, let regimen, let agent else { return false }
            guard reader.problems.isEmpty else { return false }
            systemicTherapies.append(SystemicTherapy(subjectID: subjectID, line: line, regimen: regimen, targetedAgent: agent,
                                                 startDate: start, endDate: end, cycles: cycles, provenance: provenance))
        case .lesions:
            let subjectID = reader.text("subjectID"), visit = reader.visit("visit"), date = reader.date("date")
            let method = reader.code("method", ImagingMethod.self), lesionID = reader.text("lesionID")
            let organ = reader.code("organ", LesionOrgan.self), segment = reader.int("liverSegment")
            let category = reader.code("category", LesionCategory.self), diameter = reader.double("diameterMM")
            guard let subjectID, let visit, let method, let lesionID, let organ, let category else { return false }
            guard reader.problems.isEmpty else { return false }
            lesions.append(LesionMeasurement(subjectID: subjectID, visit: visit, date: date, method: method, lesionID: lesionID,
                                          organ: organ, liverSegment: segment, category: category, diameterMM: diameter,
                                          provenance: provenance))
        case .responses:
            let subjectID = reader.text("subjectID"), visit = reader.visit("visit"), date = reader.date("date")
            let ih = reader.code("intrahepatic", Response.self), eh = reader.code("extrahepatic", Response.self)
            let overall = reader.code("overall", Response.self)
            guard let subjectID, let visit, let ih, let eh, let overall else { return false }
            guard reader.problems.isEmpty else { return false }
            responses.append(ResponseAssessment(subjectID: subjectID, visit: visit, date: date, intrahepatic: ih, extrahepatic: eh,
                                             overall: overall, provenance: provenance))
        case .adverseEvents:
            let subjectID = reader.text("subjectID"), number = reader.int("number"), term = reader.text("verbatimTerm")
            let grade = reader.int("grade"), serious = reader.bool("serious")
            let criteria = reader.codeList("seriousnessCriteria", SeriousnessCriterion.self)
            let relLocal = reader.code("relationToLocalTreatment", Causality.self)
            let relSys = reader.code("relationToSystemicTherapy", Causality.self)
            let start = reader.date("startDate"), end = reader.date("endDate"), outcome = reader.code("outcome", AEOutcome.self)
            let action: ActionTaken? = reader.maps("actionTaken") ? reader.code("actionTaken", ActionTaken.self) : .notApplicable
            guard let subjectID, let number, let term, let relLocal, let relSys, let outcome, let action else { return false }
            guard reader.problems.isEmpty else { return false }
            adverseEvents.append(AdverseEvent(subjectID: subjectID, number: number, verbatimTerm: term, grade: grade, serious: serious,
                                           seriousnessCriteria: criteria, relationToLocalTreatment: relLocal,
                                           relationToSystemicTherapy: relSys, startDate: start, endDate: end, outcome: outcome,
                                           actionTaken: action, provenance: provenance))
        case .questionnaires:
            let subjectID = reader.text("subjectID"), visit = reader.visit("visit"), date = reader.date("date")
            let done = reader.bool("done"), reason = reader.text("reasonNotDone")
            let items = reader.intList("items", itemRange: QLQC30Response.range(ofItem:))
            if items.count != QLQC30Response.itemCount {
                reader.reject("the mapping gives \(items.count) QLQ-C30 items", expected: "\(QLQC30Response.itemCount) items")
            }
            guard let subjectID, let visit, let done, items.count == QLQC30Response.itemCount else { return false }
            guard reader.problems.isEmpty else { return false }
            questionnaires.append(QLQC30Response(subjectID: subjectID, visit: visit, date: date, done: done, reasonNotDone: reason,
                                              items: items, provenance: provenance))
        case .dispositions:
            let subjectID = reader.text("subjectID"), status = reader.code("status", DispositionStatus.self)
            let date = reader.date("date"), death = reader.date("deathDate"), cause = reader.code("deathCause", DeathCause.self)
            let alive = reader.date("lastKnownAliveDate"), reason = reader.code("withdrawalReason", WithdrawalReason.self)
            guard let subjectID, let status else { return false }
            guard reader.problems.isEmpty else { return false }
            dispositions.append(Disposition(subjectID: subjectID, status: status, date: date, deathDate: death, deathCause: cause,
                                         lastKnownAliveDate: alive, withdrawalReason: reason, provenance: provenance))
        case .visits:
            let subjectID = reader.text("subjectID"), visit = reader.visit("visit"), date = reader.date("date")
            let done = reader.bool("done"), reason = reader.text("reasonNotDone")
            guard let subjectID, let visit, let done else { return false }
            guard reader.problems.isEmpty else { return false }
            visits.append(VisitRecord(subjectID: subjectID, visit: visit, date: date, done: done, reasonNotDone: reason, provenance: provenance))
        }
        return true
    }

    /// Stand-in until the baseline record is merged (a subject without one is rejected).
    static let placeholderBaseline = BaselineDisease(primarySite: .unknown, primaryResected: nil, liverMetastasisTiming: .unknown,
                                                     ras: .unknown, braf: .unknown, msi: .unknown, ceaNgPerML: nil,
                                                     liverMetastasisCount: nil, largestLiverMetastasisMM: nil, bilobar: nil,
                                                     extrahepaticSites: [])
}
