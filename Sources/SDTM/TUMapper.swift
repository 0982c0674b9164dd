import StudyModel
import TrialCore

/// TU: one row per lesion, from the first assessment (in visit order) that lists it:
/// TUTESTCD TUMIDENT, TUORRES TARGET / NON-TARGET / NEW, TULNKID the lesion id, TULOC the
/// organ (`LIVER SEGMENT n` for a liver lesion with its Couinaud segment), TUMETHOD the
/// imaging method, TUEVAL INVESTIGATOR.
enum TUMapper {
    static let names = ["STUDYID", "DOMAIN", "USUBJID", "TUSEQ", "TULNKID", "TUTESTCD", "TUTEST", "TUORRES", "TUSTRESC",
                        "TULOC", "TUMETHOD", "TUEVAL", "VISITNUM", "VISIT", "EPOCH", "TUDTC", "TUDY"]

    /// TULOC of a lesion: the organ, or `LIVER SEGMENT n` for a liver lesion with a segment.
    static func location(_ m: LesionMeasurement) -> String {
        if m.organ == .liver, let s = m.liverSegment { return "LIVER SEGMENT \(s)" }
        return m.organ.rawValue
    }

    /// Checks what TU and TR both need; returns the reason a lesion record cannot be mapped.
    static func check(_ m: LesionMeasurement) -> Diagnostic? {
        let at = m.provenance.location
        if m.lesionID.allSatisfy({ $0 == " " }) {
            return Diagnostic(.error, at: at, "lesion without an id", expected: "a lesion id such as T01")
        }
        if let s = m.liverSegment {
            guard m.organ == .liver else {
                return Diagnostic(.error, at: at, "liver segment given for a lesion outside the liver",
                                  value: "\(m.organ.rawValue) segment \(s)", expected: "no segment unless the organ is LIVER")
            }
            guard (1...8).contains(s) else {
                return Diagnostic(.error, at: at, "liver segment out of range", value: String(s),
                                  expected: "a Couinaud segment 1–8")
            }
        }
        if let d = m.diameterMM, !(d >= 0) {
            return Diagnostic(.error, at: at, "negative or invalid lesion diameter", value: Value.format(d),
                              expected: "a diameter ≥ 0 mm")
        }
        return nil
    }

    /// Adds the identification row of a lesion (its first listed record).
    static func map(_ m: LesionMeasurement, _ ctx: SubjectContext, run: inout MappingRun) -> Diagnostic? {
        let row: [Value] = [
            .character(run.studyID), .character("TU"), .character(ctx.usubjid), .dot, .character(m.lesionID),
            .character("TUMIDENT"), .character("Tumor Identification"), .character(m.category.rawValue),
            .character(m.category.rawValue), .character(location(m)), .character(m.method.rawValue),
            .character("INVESTIGATOR"), .number(m.visit.number), .character(m.visit.name),
            .character(ctx.epoch(m.date)), .dtc(m.date), ctx.studyDay(m.date),
        ]
        return run.tu.add(row, key: [.character(m.lesionID)], source: m.provenance.location)
    }
}
