/// An input the survival routines cannot use, named with the row (0-based) and the value.
///
/// Rows are 0-based positions in the arrays passed in; callers that know file lines map them.
public enum SurvivalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two input arrays that must have one entry per row differ in length.
    case lengthMismatch(argument: String, expected: Int, actual: Int)
    /// A value that must be finite (time, covariate, weight, offset) is NaN or infinite.
    case notFinite(argument: String, row: Int, value: Double)
    /// A time is negative.
    case negativeTime(row: Int, value: Double)
    /// A case weight is not strictly positive.
    case nonPositiveWeight(row: Int, value: Double)
    /// An entry (left-truncation) time is not smaller than the exit time.
    case entryNotBeforeExit(row: Int, entry: Double, exit: Double)
    /// There are no rows at all.
    case noRows
    /// An option value is outside its domain (e.g. conf-level 1.5, a negative tau).
    case invalidOption(name: String, value: String, expected: String)
    /// The requested combination is not defined (e.g. exact ties with case weights, as R refuses).
    case unsupported(String)
    /// A log-rank test needs at least two groups with rows.
    case fewerThanTwoGroups

    /// The error in words, naming the argument and what was expected.
    public var description: String {
        switch self {
        case let .lengthMismatch(argument, expected, actual):
            return "\(argument) has \(actual) values, expected \(expected) (one per row)"
        case let .notFinite(argument, row, value):
            return "\(argument) at row \(row) is \(value), expected a finite number"
        case let .negativeTime(row, value):
            return "time at row \(row) is \(value), expected a time >= 0"
        case let .nonPositiveWeight(row, value):
            return "weight at row \(row) is \(value), expected a weight > 0"
        case let .entryNotBeforeExit(row, entry, exit):
            return "entry time \(entry) at row \(row) is not before the exit time \(exit)"
        case .noRows:
            return "no rows to analyse"
        case let .invalidOption(name, value, expected):
            return "option \(name) is \(value), expected \(expected)"
        case let .unsupported(what):
            return "unsupported: \(what)"
        case .fewerThanTwoGroups:
            return "the test needs at least two groups"
        }
    }
}

/// Input checks shared by the estimators.
enum InputCheck {
    static func length<T>(_ a: [T]?, _ name: String, _ n: Int) throws(SurvivalError) {
        if let a, a.count != n { throw .lengthMismatch(argument: name, expected: n, actual: a.count) }
    }

    static func times(_ t: [Double]) throws(SurvivalError) {
        if t.isEmpty { throw .noRows }
        for (i, v) in t.enumerated() {
            if !v.isFinite { throw .notFinite(argument: "time", row: i, value: v) }
        }
    }

    static func finite(_ a: [Double]?, _ name: String) throws(SurvivalError) {
        guard let a else { return }
        for (i, v) in a.enumerated() where !v.isFinite {
            throw .notFinite(argument: name, row: i, value: v)
        }
    }

    static func weights(_ w: [Double]?) throws(SurvivalError) {
        guard let w else { return }
        for (i, v) in w.enumerated() {
            if !v.isFinite { throw .notFinite(argument: "weight", row: i, value: v) }
            if v <= 0 { throw .nonPositiveWeight(row: i, value: v) }
        }
    }

    static func confLevel(_ level: Double) throws(SurvivalError) {
        if !(level > 0 && level < 1) {
            throw .invalidOption(name: "conf-level", value: "\(level)", expected: "a number strictly between 0 and 1")
        }
    }
}
