import StudyModel
import TrialCore

/// AE: one row per adverse event, with SUPPAE for the two causality assessments.
///
/// AETERM is the verbatim term; AEDECOD/AEBODSYS come from the coding dictionary (a verbatim
/// term the dictionary does not know is rejected: AEDECOD is Required). AETOXGR is the CTCAE
/// grade 1–5. AESER Y/N; the seriousness criteria are Y when ticked and N otherwise for a
/// serious event, N for a non-serious one. AEREL is `RELATED` when the event is related to the
/// radical local treatment or to systemic therapy, else `NOT RELATED` when either assessment
/// says not related, else `NOT APPLICABLE` when neither treatment was given, else `UNKNOWN`;
/// SUPPAE keeps the two assessments (AERELLT, AERELST). Dates keep their precision; AESTDY /
/// AEENDY only for complete dates. Rows are ordered by AESTDTC, AETERM, AESPID (the site's AE number).
enum AEMapper {
    static let names = ["STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AESPID", "AETERM", "AEDECOD", "AEBODSYS", "AESER",
                        "AEACN", "AEREL", "AEOUT", "AESCONG", "AESDISAB", "AESDTH", "AESHOSP", "AESLIFE", "AESMIE",
                        "AETOXGR", "EPOCH", "AESTDTC", "AEENDTC", "AESTDY", "AEENDY"]

    /// Maps one event; returns the reason when it cannot be mapped.
    static func map(_ e: AdverseEvent, _ ctx: SubjectContext, coding: [String: AECodingDictionary.Entry],
                    run: inout MappingRun) -> Diagnostic? {
        let at = e.provenance.location
        guard let entry = coding[AECodingDictionary.normalize(e.verbatimTerm)] else {
            return Diagnostic(.error, at: at, "verbatim AE term not in the coding dictionary", value: e.verbatimTerm,
                              expected: "a term or spelling listed in the study's AE dictionary")
        }
        if let g = e.grade, !(1...5).contains(g) {
            return Diagnostic(.error, at: at, "CTCAE grade out of range", value: String(g), expected: "1–5")
        }
        if let s = e.startDate?.date, let end = e.endDate?.date, end < s {
            return Diagnostic(.error, at: at, "AE ends before it starts", value: "\(s.iso8601) / \(end.iso8601)",
                              expected: "end date on or after the start date")
        }
        if e.serious == false, !e.seriousnessCriteria.isEmpty {
            return Diagnostic(.error, at: at, "seriousness criteria ticked for a non-serious AE",
                              value: e.seriousnessCriteria.map(\.rawValue).joined(separator: ","),
                              expected: "no criteria unless AESER = Y")
        }
        func criterion(_ c: SeriousnessCriterion) -> Value {
            guard let serious = e.serious else { return .character("") }
            return .character(serious && e.seriousnessCriteria.contains(c) ? "Y" : "N")
        }
        let row: [Value] = [
            .character(run.studyID), .character("AE"), .character(ctx.usubjid), .dot, .character(String(e.number)),
            .character(e.verbatimTerm), .character(entry.preferredTerm), .character(entry.bodySystem),
            .character(e.serious.map { $0 ? "Y" : "N" } ?? ""), .character(e.actionTaken.rawValue),
            .character(causality(local: e.relationToLocalTreatment, systemic: e.relationToSystemicTherapy).rawValue),
            .character(e.outcome.rawValue),
            criterion(.congenitalAnomaly), criterion(.disability), criterion(.death), criterion(.hospitalization),
            criterion(.lifeThreatening), criterion(.medicallyImportant),
            .character(e.grade.map(String.init) ?? ""), .character(ctx.epoch(e.startDate)),
            .dtc(e.startDate), .dtc(e.endDate), ctx.studyDay(e.startDate), ctx.studyDay(e.endDate),
        ]
        let supp = [
            SuppQualifier("AERELLT", "Relationship to Local Liver Treatment", e.relationToLocalTreatment.rawValue,
                          evaluator: "INVESTIGATOR"),
            SuppQualifier("AERELST", "Relationship to Systemic Therapy", e.relationToSystemicTherapy.rawValue,
                          evaluator: "INVESTIGATOR"),
        ]
        return run.ae.add(row, key: [.dtc(e.startDate), .character(e.verbatimTerm), .number(Double(e.number))],
                          source: at, qualifiers: supp)
    }

    /// AEREL from the two assessments: related to either → RELATED; else not related to
    /// either → NOT RELATED; else neither treatment given → NOT APPLICABLE; else UNKNOWN.
    static func causality(local: Causality, systemic: Causality) -> Causality {
        if local == .related || systemic == .related { return .related }
        if local == .notRelated || systemic == .notRelated { return .notRelated }
        if local == .notApplicable && systemic == .notApplicable { return .notApplicable }
        return .unknown
    }
}
