/// The EORTC QLQ-C30 v3.0 items as CDISC QS codes them (CT C161619 QSTESTCD, C161618 QSTEST)
/// and the response texts of the two scales.
///
/// Items 1–28: 1 NOT AT ALL, 2 A LITTLE, 3 QUITE A BIT, 4 VERY MUCH; items 29–30: 1 (VERY POOR)
/// to 7 (EXCELLENT). Texts as in random.cdisc.data's QLQ-C30 QS.
public enum QLQC30Items {
    /// QSCAT of every item.
    public static let category = "EORTC QLQ-C30 V3.0"

    /// QSTESTCD of item `n` (1-based): `EOR0101` … `EOR0130`.
    public static func testCode(_ n: Int) -> String { testCodes[n - 1] }

    /// QSTESTCD of items 1…30 (index 0 = item 1).
    public static let testCodes: [String] = (1...30).map { $0 < 10 ? "EOR010\($0)" : "EOR01\($0)" }

    /// QSTEST of items 1…30 (index 0 = item 1).
    public static let testNames: [String] = [
        "Trouble Doing Strenuous Activities", "Trouble Taking Long Walk", "Trouble Taking Short Walk Outside",
        "Stay in Bed/Chair During the Day", "Need Help Eating/Dressing/Washing", "Limited in Work/Daily Activities",
        "Limited Hobbies/Leisure Activities", "Were You Short of Breath", "Have You Had Pain", "Did You Need to Rest",
        "Have You Had Trouble Sleeping", "Have You Felt Weak", "Have You Lacked Appetite", "Have You Felt Nauseated",
        "Have You Vomited", "Have You Been Constipated", "Have You Had Diarrhea", "Were You Tired",
        "Pain Interfere Daily Activities", "Difficulty Concentrating on Things", "Did You Feel Tense",
        "Did You Worry", "Did You Feel Irritable", "Did You Feel Depressed", "Had Difficulty Remembering Things",
        "Condition Interfered Family Life", "Condition Interfered Social Activ", "Condition Caused Financial Diff",
        "Rate Your Overall Health", "Rate Your Overall Quality of Life",
    ].map { "EOR01-" + $0 }

    /// QSORRES of answer `score` to item `n`, or `nil` when the score is outside the item's range.
    public static func responseText(item n: Int, score: Int) -> String? {
        if n >= 29 {
            switch score {
            case 1: return "1 - VERY POOR"
            case 7: return "7 - EXCELLENT"
            case 2...6: return String(score)
            default: return nil
            }
        }
        switch score {
        case 1: return "NOT AT ALL"
        case 2: return "A LITTLE"
        case 3: return "QUITE A BIT"
        case 4: return "VERY MUCH"
        default: return nil
        }
    }
}
