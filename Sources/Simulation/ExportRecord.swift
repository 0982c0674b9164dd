import EDCImport
import StudyModel
import TrialCore

/// One model record seen by an export writer: its subject, its visit (for per-visit forms)
/// and the value of every model field by property name (`EntityKind.modelFields`).
struct ExportRecord: Sendable {
    var subjectID: String
    var visit: Visit?
    var fields: [String: ModelFieldValue]

    /// Number of records of `kind` in `data`.
    static func count(of kind: EntityKind, in data: StudyData) -> Int {
        switch kind {
        case .subjects, .baseline: return data.subjects.count
        case .procedures: return data.procedures.count
        case .systemicTherapies: return data.systemicTherapies.count
        case .lesions: return data.lesions.count
        case .responses: return data.responses.count
        case .adverseEvents: return data.adverseEvents.count
        case .questionnaires: return data.questionnaires.count
        case .dispositions: return data.dispositions.count
        case .visits: return data.visits.count
        }
    }

    /// Subject id of record `i` of `kind`.
    static func subjectID(of kind: EntityKind, at i: Int, in data: StudyData) -> String {
        switch kind {
        case .subjects, .baseline: return data.subjects[i].subjectID
        case .procedures: return data.procedures[i].subjectID
        case .systemicTherapies: return data.systemicTherapies[i].subjectID
        case .lesions: return data.lesions[i].subjectID
        case .responses: return data.responses[i].subjectID
        case .adverseEvents: return data.adverseEvents[i].subjectID
        case .questionnaires: return data.questionnaires[i].subjectID
        case .dispositions: return data.dispositions[i].subjectID
        case .visits: return data.visits[i].subjectID
        }
    }

    /// Record `i` of `kind` in `data`.
    static func record(of kind: EntityKind, at i: Int, in data: StudyData) -> ExportRecord {
        switch kind {
        case .subjects:
            let s = data.subjects[i]
            return ExportRecord(subjectID: s.subjectID, visit: nil, fields: [
                "subjectID": .text(s.subjectID), "siteID": .text(s.siteID), "birthDate": .of(s.birthDate),
                "sex": .code(s.sex), "race": .code(s.race), "ethnicity": .code(s.ethnicity),
                "country": .text(s.country), "consentDate": .of(s.consentDate),
                "inclusionDate": .of(s.inclusionDate), "group": .code(s.group), "ecog": .of(s.ecog)])
        case .baseline:
            let s = data.subjects[i]
            let b = s.baseline
            return ExportRecord(subjectID: s.subjectID, visit: nil, fields: [
                "subjectID": .text(s.subjectID), "primarySite": .code(b.primarySite),
                "primaryResected": .of(b.primaryResected), "liverMetastasisTiming": .code(b.liverMetastasisTiming),
                "ras": .code(b.ras), "braf": .code(b.braf), "msi": .code(b.msi), "ceaNgPerML": .of(b.ceaNgPerML),
                "liverMetastasisCount": .of(b.liverMetastasisCount),
                "largestLiverMetastasisMM": .of(b.largestLiverMetastasisMM), "bilobar": .of(b.bilobar),
                "extrahepaticSites": .list(b.extrahepaticSites.map(\.rawValue))])
        case .procedures:
            let p = data.procedures[i]
            return ExportRecord(subjectID: p.subjectID, visit: nil, fields: [
                "subjectID": .text(p.subjectID), "number": .integer(p.number), "type": .code(p.type),
                "date": .of(p.date), "intent": .code(p.intent), "margin": .code(p.margin)])
        case .systemicTherapies:
            let t = data.systemicTherapies[i]
            return ExportRecord(subjectID: t.subjectID, visit: nil, fields: [
                "subjectID": .text(t.subjectID), "line": .integer(t.line), "regimen": .code(t.regimen),
                "targetedAgent": .code(t.targetedAgent), "startDate": .of(t.startDate), "endDate": .of(t.endDate),
                "cycles": .of(t.cycles)])
        case .lesions:
            let l = data.lesions[i]
            return ExportRecord(subjectID: l.subjectID, visit: l.visit, fields: [
                "subjectID": .text(l.subjectID), "visit": .visit(l.visit), "date": .of(l.date),
                "method": .code(l.method), "lesionID": .text(l.lesionID), "organ": .code(l.organ),
                "liverSegment": .of(l.liverSegment), "category": .code(l.category), "diameterMM": .of(l.diameterMM)])
        case .responses:
            let r = data.responses[i]
            return ExportRecord(subjectID: r.subjectID, visit: r.visit, fields: [
                "subjectID": .text(r.subjectID), "visit": .visit(r.visit), "date": .of(r.date),
                "intrahepatic": .code(r.intrahepatic), "extrahepatic": .code(r.extrahepatic), "overall": .code(r.overall)])
        case .adverseEvents:
            let a = data.adverseEvents[i]
            return ExportRecord(subjectID: a.subjectID, visit: nil, fields: [
                "subjectID": .text(a.subjectID), "number": .integer(a.number), "verbatimTerm": .text(a.verbatimTerm),
                "grade": .of(a.grade), "serious": .of(a.serious),
                "seriousnessCriteria": .list(a.seriousnessCriteria.map(\.rawValue)),
                "relationToLocalTreatment": .code(a.relationToLocalTreatment),
                "relationToSystemicTherapy": .code(a.relationToSystemicTherapy), "startDate": .of(a.startDate),
                "endDate": .of(a.endDate), "outcome": .code(a.outcome), "actionTaken": .code(a.actionTaken)])
        case .questionnaires:
            let q = data.questionnaires[i]
            return ExportRecord(subjectID: q.subjectID, visit: q.visit, fields: [
                "subjectID": .text(q.subjectID), "visit": .visit(q.visit), "date": .of(q.date), "done": .of(q.done),
                "reasonNotDone": .of(q.reasonNotDone), "items": .list(q.items.map { $0.map(String.init) })])
        case .dispositions:
            let d = data.dispositions[i]
            return ExportRecord(subjectID: d.subjectID, visit: nil, fields: [
                "subjectID": .text(d.subjectID), "status": .code(d.status), "date": .of(d.date),
                "deathDate": .of(d.deathDate), "deathCause": .code(d.deathCause),
                "lastKnownAliveDate": .of(d.lastKnownAliveDate), "withdrawalReason": .code(d.withdrawalReason)])
        case .visits:
            let v = data.visits[i]
            return ExportRecord(subjectID: v.subjectID, visit: v.visit, fields: [
                "subjectID": .text(v.subjectID), "visit": .visit(v.visit), "date": .of(v.date), "done": .of(v.done),
                "reasonNotDone": .of(v.reasonNotDone)])
        }
    }
}
