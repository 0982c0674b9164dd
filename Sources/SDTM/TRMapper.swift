import StudyModel
import TrialCore

/// TR: one row per lesion per assessment, linked to TU by TRLNKID = TULNKID.
///
/// A measured lesion gives LDIAM (longest diameter) in mm, original and standard units
/// alike; a target lesion without a diameter gives LDIAM with TRSTAT NOT DONE; a non-target or
/// new lesion without a diameter gives TUMSTATE PRESENT (it is listed on the imaging form of
/// that assessment).
enum TRMapper {
    static let names = ["STUDYID", "DOMAIN", "USUBJID", "TRSEQ", "TRLNKID", "TRTESTCD", "TRTEST", "TRORRES", "TRORRESU",
                        "TRSTRESC", "TRSTRESN", "TRSTRESU", "TRSTAT", "TRMETHOD", "TREVAL", "VISITNUM", "VISIT",
                        "EPOCH", "TRDTC", "TRDY"]

    static func map(_ m: LesionMeasurement, _ ctx: SubjectContext, run: inout MappingRun) -> Diagnostic? {
        let testcd: String, test: String, orres: Value, unit: String, stresn: Value, stat: String
        if let d = m.diameterMM {
            (testcd, test, orres, unit, stresn, stat) = ("LDIAM", "Longest Diameter", .character(Value.format(d)), "mm", .number(d), "")
        } else if m.category == .target {
            (testcd, test, orres, unit, stresn, stat) = ("LDIAM", "Longest Diameter", .character(""), "", .dot, "NOT DONE")
        } else {
            (testcd, test, orres, unit, stresn, stat) = ("TUMSTATE", "Tumor State", .character("PRESENT"), "", .dot, "")
        }
        let row: [Value] = [
            .character(run.studyID), .character("TR"), .character(ctx.usubjid), .dot, .character(m.lesionID),
            .character(testcd), .character(test), orres, .character(unit), orres, stresn, .character(unit),
            .character(stat), .character(m.method.rawValue), .character("INVESTIGATOR"), .number(m.visit.number),
            .character(m.visit.name), .character(ctx.epoch(m.date)), .dtc(m.date), ctx.studyDay(m.date),
        ]
        return run.tr.add(row, key: [.character(m.lesionID), .character(testcd), .number(m.visit.number)],
                          source: m.provenance.location)
    }
}
