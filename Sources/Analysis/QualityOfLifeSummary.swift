/// EORTC QLQ-C30 scale scores per scale, group and visit, change from baseline, and the
/// questionnaire completion rate per visit.
public struct QualityOfLifeSummary: Sendable, Codable, Equatable {
    /// Descriptive statistics of one set of values.
    public struct Stats: Sendable, Codable, Equatable {
        /// Non-missing values.
        public var n: Int
        /// Mean.
        public var mean: Double?
        /// Standard deviation (n − 1).
        public var sd: Double?
        /// Median.
        public var median: Double?
        /// Minimum.
        public var min: Double?
        /// Maximum.
        public var max: Double?
    }

    /// One scale × group × visit cell.
    public struct Cell: Sendable, Codable, Equatable {
        /// Scale code (PARAMCD).
        public var paramcd: String
        /// Scale label.
        public var param: String
        /// Group label.
        public var group: String
        /// Visit label.
        public var visit: String
        /// Visit number.
        public var visitNumber: Double
        /// Scores.
        public var value: Stats
        /// Changes from baseline (empty at baseline).
        public var change: Stats
    }

    /// Completion at one visit for one group.
    public struct Completion: Sendable, Codable, Equatable {
        /// Group label.
        public var group: String
        /// Visit label.
        public var visit: String
        /// Visit number.
        public var visitNumber: Double
        /// Subjects with at least one scale score at the visit.
        public var completed: Int
        /// Subjects expected (still followed at the visit's planned day, or all).
        public var expected: Int
        /// completed / expected × 100.
        public var percent: Double?
    }

    /// Cells ordered by scale (first appearance), group (display order), visit number.
    public var cells: [Cell]
    /// Completion by group and visit.
    public var completion: [Completion]
}
