/// Adverse events by group: overview, by body system and term with maximum grade, and by
/// relationship to radical local treatment.
///
/// Counts are subjects (each counted once per row of a table, at their maximum grade);
/// percentages are of the group's ADSL subjects.
public struct AdverseEventSummary: Sendable, Codable, Equatable {
    /// One overview line, e.g. "Any grade ≥ 3 AE".
    public struct Line: Sendable, Codable, Equatable {
        /// Category label.
        public var category: String
        /// Subjects per group (display order).
        public var count: [Int]
        /// Percent per group.
        public var percent: [Double]
    }

    /// One body system / term row with counts per maximum grade.
    public struct TermRow: Sendable, Codable, Equatable {
        /// Body system (SOC).
        public var bodySystem: String
        /// Coded term; nil for the body-system total row.
        public var term: String?
        /// Subjects with the term (any grade) per group.
        public var any: [Int]
        /// Percent per group.
        public var percent: [Double]
        /// Subjects by maximum grade 1…5, per group: byGrade[group][grade − 1].
        public var byGrade: [[Int]]
    }

    /// Group labels in display order.
    public var groups: [String]
    /// Denominators (ADSL subjects) per group.
    public var n: [Int]
    /// Overview lines.
    public var overview: [Line]
    /// Rows sorted by body system then term (byte order), each body system preceded by its total.
    public var byTerm: [TermRow]
    /// Subjects with at least one AE of each relationship category, per group.
    public var byRelationship: [Line]
    /// AE records counted (after the filter flag).
    public var records: Int
}
