import StudyModel
import TrialCore

/// EX: systemic therapy, one row per line (EXTRT = regimen plus targeted agent, EXCAT
/// SYSTEMIC THERAPY, EXSPID the line number). EXROUTE is INTRAVENOUS for the infused
/// regimens (FOLFOX, FOLFIRI, FOLFOXIRI, alone or with an antibody), ORAL for capecitabine
/// alone, null when mixed (CAPOX, capecitabine with an antibody) or unknown. SUPPEX EXNCYC holds the cycles.
enum EXMapper {
    static let names = ["STUDYID", "DOMAIN", "USUBJID", "EXSEQ", "EXSPID", "EXTRT", "EXCAT", "EXROUTE", "EPOCH",
                        "EXSTDTC", "EXENDTC", "EXSTDY", "EXENDY"]

    /// EXROUTE of a line of therapy (see the type's comment).
    static func route(_ t: SystemicTherapy) -> String {
        switch t.regimen {
        case .folfox, .folfiri, .folfoxiri: return "INTRAVENOUS"
        case .capecitabine: return t.targetedAgent == .none ? "ORAL" : ""
        case .capox, .other: return ""
        }
    }

    static func map(_ t: SystemicTherapy, _ ctx: SubjectContext, run: inout MappingRun) -> Diagnostic? {
        let at = t.provenance.location
        if let s = t.startDate?.date, let e = t.endDate?.date, e < s {
            return Diagnostic(.error, at: at, "systemic therapy ends before it starts", value: "\(s.iso8601) / \(e.iso8601)",
                              expected: "end date on or after the start date")
        }
        if let c = t.cycles, c < 0 {
            return Diagnostic(.error, at: at, "negative number of cycles", value: String(c), expected: "a count ≥ 0")
        }
        let row: [Value] = [
            .character(run.studyID), .character("EX"), .character(ctx.usubjid), .dot, .character(String(t.line)),
            .character(t.treatmentName), .character("SYSTEMIC THERAPY"), .character(route(t)),
            .character(ctx.epoch(t.startDate)), .dtc(t.startDate), .dtc(t.endDate),
            ctx.studyDay(t.startDate), ctx.studyDay(t.endDate),
        ]
        let supp = t.cycles.map { [SuppQualifier("EXNCYC", "Number of Cycles", String($0))] } ?? []
        return run.ex.add(row, key: [.dtc(t.startDate), .character(t.treatmentName), .number(Double(t.line))],
                          source: at, qualifiers: supp)
    }
}
