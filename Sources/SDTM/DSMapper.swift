import StudyModel
import TrialCore

/// DS: informed consent and enrolment (protocol milestones, from the subject record) and
/// the disposition event (from the disposition record): COMPLETED, DEATH (DSTERM names the
/// cause) or the withdrawal reason (NCOMPLT). A subject still in follow-up has no disposition
/// event. A death after completion or withdrawal is an extra DEATH row with DSCAT OTHER EVENT.
enum DSMapper {
    static let names = ["STUDYID", "DOMAIN", "USUBJID", "DSSEQ", "DSTERM", "DSDECOD", "DSCAT", "EPOCH", "DSSTDTC", "DSSTDY"]

    /// The protocol-milestone rows of a subject (consent, enrolment), when their dates are known.
    static func mapMilestones(_ s: Subject, _ ctx: SubjectContext, run: inout MappingRun) -> Diagnostic? {
        let at = s.provenance.location
        if let c = s.consentDate,
           let why = add(term: "INFORMED CONSENT OBTAINED", decod: "INFORMED CONSENT OBTAINED", cat: "PROTOCOL MILESTONE",
                         date: c, ctx, at, &run) { return why }
        if let i = s.inclusionDate,
           let why = add(term: "ENROLLED", decod: "ENROLLED", cat: "PROTOCOL MILESTONE", date: i, ctx, at, &run) {
            return why
        }
        return nil
    }

    /// The disposition event rows of a subject.
    static func map(_ d: Disposition, _ ctx: SubjectContext, run: inout MappingRun) -> Diagnostic? {
        let at = d.provenance.location
        func deathTerm() -> String {
            switch d.deathCause {
            case .diseaseProgression?: return "DEATH DUE TO PROGRESSIVE DISEASE"
            case .adverseEvent?: return "DEATH DUE TO ADVERSE EVENT"
            case .other?: return "DEATH DUE TO OTHER CAUSE"
            case .unknown?, nil: return "DEATH"
            }
        }
        switch d.status {
        case .ongoing:
            break
        case .completed:
            if let why = add(term: "COMPLETED", decod: "COMPLETED", cat: "DISPOSITION EVENT", date: d.date, ctx, at, &run) { return why }
        case .died:
            return add(term: deathTerm(), decod: "DEATH", cat: "DISPOSITION EVENT", date: d.deathDate ?? d.date, ctx, at, &run)
        case .withdrawn:
            guard let reason = d.withdrawalReason else {
                return Diagnostic(.error, at: at, "withdrawal without a reason",
                                  expected: "a reason (\(WithdrawalReason.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if let why = add(term: reason.rawValue, decod: reason.rawValue, cat: "DISPOSITION EVENT", date: d.date, ctx, at, &run) {
                return why
            }
        }
        if let death = d.deathDate {
            return add(term: deathTerm(), decod: "DEATH", cat: "OTHER EVENT", date: death, ctx, at, &run)
        }
        return nil
    }

    private static func add(term: String, decod: String, cat: String, date: PartialDateTime?, _ ctx: SubjectContext,
                            _ at: SourceLocation, _ run: inout MappingRun) -> Diagnostic? {
        let row: [Value] = [.character(run.studyID), .character("DS"), .character(ctx.usubjid), .dot, .character(term),
                            .character(decod), .character(cat), .character(ctx.epoch(date)), .dtc(date), ctx.studyDay(date)]
        return run.ds.add(row, key: [.dtc(date), .character(cat), .character(decod)], source: at)
    }
}
