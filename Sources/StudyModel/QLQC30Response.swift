import TrialCore

/// One EORTC QLQ-C30 v3 questionnaire at one visit: 30 item answers or a reason it was not done.
///
/// Items 1–28 are scored 1–4 (Not at all … Very much); items 29–30 are scored 1–7.
/// A missing item is `nil`.
public struct QLQC30Response: Sendable, Hashable, Codable {
    /// Subject id.
    public var subjectID: String
    /// Visit.
    public var visit: Visit
    /// Date completed.
    public var date: PartialDateTime?
    /// Whether the form was completed; `false` with a reason for a missing form.
    public var done: Bool
    /// Reason not done (e.g. `PATIENT REFUSED`), if any.
    public var reasonNotDone: String?
    /// Answers to items 1…30 (index 0 = item 1); `nil` = item missing.
    public var items: [Int?]
    /// Where this record came from.
    public var provenance: Provenance

    /// Number of items in QLQ-C30 v3.
    public static let itemCount = 30

    /// Creates a questionnaire record; `items` must hold 30 entries.
    public init(subjectID: String, visit: Visit, date: PartialDateTime?, done: Bool,
                reasonNotDone: String? = nil, items: [Int?], provenance: Provenance = .none) {
        self.subjectID = subjectID
        self.visit = visit
        self.date = date
        self.done = done
        self.reasonNotDone = reasonNotDone
        self.items = items
        self.provenance = provenance
    }

    /// The allowed range of item `n` (1-based): 1…4 for items 1–28, 1…7 for 29–30.
    public static func range(ofItem n: Int) -> ClosedRange<Int> { n >= 29 ? 1...7 : 1...4 }
}
