import StudyModel
import TrialCore

/// RS: three rows per tumour assessment, the investigator's RECIST 1.1 response for
/// intrahepatic disease (IHRESP), extrahepatic disease (EHRESP) and overall (OVRLRESP).
enum RSMapper {
    static let names = ["STUDYID", "DOMAIN", "USUBJID", "RSSEQ", "RSTESTCD", "RSTEST", "RSCAT", "RSORRES", "RSSTRESC",
                        "RSEVAL", "VISITNUM", "VISIT", "EPOCH", "RSDTC", "RSDY"]

    /// The three tests: RSTESTCD and RSTEST.
    static let tests: [(code: String, name: String)] = [
        ("IHRESP", "Intrahepatic Response"), ("EHRESP", "Extrahepatic Response"), ("OVRLRESP", "Overall Response"),
    ]

    /// The response a test reads from an assessment.
    static func response(_ code: String, _ r: ResponseAssessment) -> Response {
        code == "IHRESP" ? r.intrahepatic : code == "EHRESP" ? r.extrahepatic : r.overall
    }

    static func map(_ r: ResponseAssessment, _ ctx: SubjectContext, run: inout MappingRun) -> Diagnostic? {
        for t in tests {
            let res = response(t.code, r).rawValue
            let row: [Value] = [
                .character(run.studyID), .character("RS"), .character(ctx.usubjid), .dot, .character(t.code),
                .character(t.name), .character("RECIST 1.1"), .character(res), .character(res),
                .character("INVESTIGATOR"), .number(r.visit.number), .character(r.visit.name),
                .character(ctx.epoch(r.date)), .dtc(r.date), ctx.studyDay(r.date),
            ]
            if let why = run.rs.add(row, key: [.character(t.code), .number(r.visit.number)], source: r.provenance.location) {
                return why
            }
        }
        return nil
    }
}
