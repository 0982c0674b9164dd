import StudyModel
import TrialCore

/// QS: the EORTC QLQ-C30 v3.0, one row per item per visit (QSTESTCD EOR0101–EOR0130).
///
/// An answered item has QSORRES (the response text), QSSTRESC and QSSTRESN (the score); an
/// unanswered item has QSSTAT NOT DONE. A questionnaire not done at a visit is one row
/// QSTESTCD QSALL, QSTEST "Questionnaire", QSSTAT NOT DONE, QSREASND the reason (SDTMIG
/// convention for a whole group of tests not done). An answer outside the item's range is
/// rejected (the other items of the form are kept).
enum QSMapper {
    static let names = ["STUDYID", "DOMAIN", "USUBJID", "QSSEQ", "QSTESTCD", "QSTEST", "QSCAT", "QSORRES", "QSSTRESC",
                        "QSSTRESN", "QSSTAT", "QSREASND", "VISITNUM", "VISIT", "EPOCH", "QSDTC", "QSDY"]

    /// Maps one questionnaire; returns the reasons of the rejected parts (empty when all mapped).
    static func map(_ q: QLQC30Response, _ ctx: SubjectContext, run: inout MappingRun) -> [Diagnostic] {
        let at = q.provenance.location
        let study = Value.character(run.studyID), domain = Value.character("QS"), usubjid = Value.character(ctx.usubjid)
        let cat = Value.character(QLQC30Items.category), visitnum = Value.number(q.visit.number)
        let visit = Value.character(q.visit.name), epoch = Value.character(ctx.epoch(q.date))
        let dtc = Value.dtc(q.date), dy = ctx.studyDay(q.date)
        guard q.done else {
            var problems: [Diagnostic] = []
            let answered = q.items.enumerated().filter { $0.element != nil }.map { $0.offset + 1 }
            if !answered.isEmpty {
                problems.append(Diagnostic(.error, at: at, "answers on a questionnaire marked not done",
                                           value: "items " + answered.map(String.init).joined(separator: ","),
                                           expected: "no answers when the form is not done"))
            }
            let row: [Value] = [study, domain, usubjid, .dot, .character("QSALL"), .character("Questionnaire"), cat,
                                .character(""), .character(""), .dot, .character("NOT DONE"), .text(q.reasonNotDone),
                                visitnum, visit, epoch, dtc, dy]
            // Key [VISITNUM, 1] sorts after the items' [VISITNUM] at the same visit, as "QSALL" > "EOR01nn".
            if let why = run.qs.add(row, key: [visitnum, .number(1)], source: at) { problems.append(why) }
            return problems
        }
        guard q.items.count == QLQC30Response.itemCount else {
            return [Diagnostic(.error, at: at, "questionnaire with the wrong number of items", value: String(q.items.count),
                               expected: "\(QLQC30Response.itemCount) items")]
        }
        var problems: [Diagnostic] = []
        // One key for the form's 30 rows: they are added in QSTESTCD order, and rows with equal
        // keys keep their order, so the rows sort by (VISITNUM, QSTESTCD) without a key per row.
        let key = [visitnum]
        for n in 1...QLQC30Response.itemCount {
            let code = QLQC30Items.testCodes[n - 1]
            var orres = Value.character(""), stresc = Value.character(""), stresn = Value.dot, stat = Value.character("")
            if let score = q.items[n - 1] {
                guard let text = QLQC30Items.responseText(item: n, score: score) else {
                    let r = QLQC30Response.range(ofItem: n)
                    problems.append(Diagnostic(.error, at: at, "QLQ-C30 item \(n) answer out of range", value: String(score),
                                               expected: "\(r.lowerBound)–\(r.upperBound)"))
                    continue
                }
                orres = .character(text); stresc = .character(String(score)); stresn = .number(Double(score))
            } else {
                stat = .character("NOT DONE")
            }
            let row: [Value] = [study, domain, usubjid, .dot, .character(code), .character(QLQC30Items.testNames[n - 1]),
                                cat, orres, stresc, stresn, stat, .character(""), visitnum, visit, epoch, dtc, dy]
            if let why = run.qs.add(row, key: key, source: at) { problems.append(why) }
        }
        return problems
    }
}
