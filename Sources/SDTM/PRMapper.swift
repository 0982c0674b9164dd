import StudyModel
import TrialCore

/// PR: local liver treatments, one row per procedure. PRCAT LOCAL LIVER TREATMENT; PRSCAT
/// RADICAL (hepatectomy, RFA, MWA) or INTERVENTIONAL (TACE, HAIC); PRLOC LIVER. SUPPPR holds
/// the intent (PRINTENT) and, for hepatectomies, the resection margin (PRMARGIN).
enum PRMapper {
    static let names = ["STUDYID", "DOMAIN", "USUBJID", "PRSEQ", "PRSPID", "PRTRT", "PRCAT", "PRSCAT", "PRLOC",
                        "EPOCH", "PRSTDTC", "PRSTDY"]

    static func map(_ p: Procedure, _ ctx: SubjectContext, run: inout MappingRun) -> Diagnostic? {
        let hepatectomy = p.type == .majorHepatectomy || p.type == .minorHepatectomy
        let at = p.provenance.location
        if !hepatectomy, p.margin == .r0 || p.margin == .r1 || p.margin == .r2 {
            return Diagnostic(.error, at: at, "resection margin given for a procedure that is not a resection",
                              value: "\(p.type.rawValue) \(p.margin.rawValue)", expected: "a margin only for hepatectomies")
        }
        let row: [Value] = [
            .character(run.studyID), .character("PR"), .character(ctx.usubjid), .dot, .character(String(p.number)),
            .character(p.type.rawValue), .character("LOCAL LIVER TREATMENT"),
            .character(p.type.isRadical ? "RADICAL" : "INTERVENTIONAL"), .character("LIVER"),
            .character(ctx.epoch(p.date)), .dtc(p.date), ctx.studyDay(p.date),
        ]
        var supp: [SuppQualifier] = []
        if p.intent != .unknown { supp.append(SuppQualifier("PRINTENT", "Treatment Intent", p.intent.rawValue)) }
        if hepatectomy, p.margin != .notApplicable, p.margin != .unknown {
            supp.append(SuppQualifier("PRMARGIN", "Resection Margin", p.margin.rawValue))
        }
        return run.pr.add(row, key: [.dtc(p.date), .character(p.type.rawValue), .number(Double(p.number))],
                          source: at, qualifiers: supp)
    }
}
