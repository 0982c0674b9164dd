/// Baseline characteristics by group: n (%) for categorical variables, median [Q1, Q3] and
/// range for numeric ones, and the standardized mean difference between the two groups.
///
/// Quartiles are R's `quantile(type = 7)`. Percentages use the non-missing count as denominator.
public struct BaselineTable: Sendable, Codable, Equatable {
    /// One variable of the table.
    public struct Variable: Sendable, Codable, Equatable {
        /// ADSL variable.
        public var variable: String
        /// Display label.
        public var label: String
        /// `numeric` or `factor`.
        public var kind: String
        /// Numeric summary per group (display order) then overall; nil for factors.
        public var numeric: [NumericSummary]?
        /// Level rows for factors.
        public var levels: [Level]?
        /// Missing count per group then overall.
        public var missing: [Int]
        /// SMD (second group vs first in display order) for numeric variables; nil for factors.
        public var smd: Double?
    }

    /// Median, quartiles and range of one group.
    public struct NumericSummary: Sendable, Codable, Equatable {
        /// Non-missing values.
        public var n: Int
        /// Mean.
        public var mean: Double?
        /// Standard deviation (n − 1).
        public var sd: Double?
        /// Median.
        public var median: Double?
        /// First quartile.
        public var q1: Double?
        /// Third quartile.
        public var q3: Double?
        /// Minimum.
        public var min: Double?
        /// Maximum.
        public var max: Double?
    }

    /// One level of a factor.
    public struct Level: Sendable, Codable, Equatable {
        /// Level label.
        public var level: String
        /// Count per group then overall.
        public var count: [Int]
        /// Percent per group then overall.
        public var percent: [Double]
        /// SMD of the level indicator (second vs first group in display order).
        public var smd: Double
    }

    /// Group labels in display order.
    public var groups: [String]
    /// Subjects per group then overall.
    public var n: [Int]
    /// Variables in plan order.
    public var variables: [Variable]
}
