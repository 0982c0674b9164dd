import StudyModel
import TrialCore

/// SV: one row per visit record. SVPRESP Y for scheduled visits (null for unscheduled);
/// SVOCCUR Y for a visit done (SVSTDTC = SVENDTC = its date), N for a visit not done with
/// SVREASOC the reason.
enum SVMapper {
    static let names = ["STUDYID", "DOMAIN", "USUBJID", "VISITNUM", "VISIT", "SVPRESP", "SVOCCUR", "SVREASOC", "EPOCH",
                        "SVSTDTC", "SVENDTC", "SVSTDY", "SVENDY"]

    static func map(_ v: VisitRecord, _ ctx: SubjectContext, run: inout MappingRun) -> Diagnostic? {
        let scheduled: Bool
        if case .scheduled = v.visit { scheduled = true } else { scheduled = false }
        let date = v.done ? v.date : nil
        if !v.done, let d = v.date {
            return Diagnostic(.error, at: v.provenance.location, "date given for a visit marked not done", value: d.iso8601,
                              expected: "no date, or the visit marked done")
        }
        let row: [Value] = [
            .character(run.studyID), .character("SV"), .character(ctx.usubjid), .number(v.visit.number),
            .character(v.visit.name), .character(scheduled ? "Y" : ""), .character(v.done ? "Y" : "N"),
            .text(v.done ? nil : v.reasonNotDone), .character(ctx.epoch(date)), .dtc(date), .dtc(date),
            ctx.studyDay(date), ctx.studyDay(date),
        ]
        return run.sv.add(row, key: [.number(v.visit.number)], source: v.provenance.location)
    }
}
