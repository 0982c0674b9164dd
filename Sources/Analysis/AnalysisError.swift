/// Why an analysis could not be computed: the typed error of the `Analysis` module.
///
/// Each case names the variable or dataset involved and what was expected, so that the CLI can
/// print it as an input error (exit code 65).
public enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A variable the plan or the command names is not in the dataset.
    case missingVariable(dataset: String, variable: String)
    /// A value cannot be used, e.g. text where a number is expected.
    case badValue(dataset: String, row: Int, variable: String, value: String, expected: String)
    /// Arrays that must have one entry per row differ in length.
    case lengthMismatch(argument: String, expected: Int, actual: Int)
    /// The exposure (group) variable must have exactly two levels among the analysed rows.
    case notBinary(variable: String, levels: [String])
    /// Too few complete rows to fit the model.
    case tooFewRows(model: String, rows: Int, needed: Int)
    /// A design column is a linear combination of others (R would report NA for it).
    case singularDesign(column: String)
    /// A weight is negative, zero, infinite or NaN.
    case badWeight(row: Int, value: Double)
    /// An option value is outside its range.
    case badOption(name: String, value: String, expected: String)
    /// The analysis plan (analysis.yaml) is malformed.
    case badPlan(file: String, message: String)
    /// The survival module refused the data (message from `SurvivalError`).
    case survival(context: String, message: String)

    /// One line naming what failed, the value and what was expected.
    public var description: String {
        switch self {
        case let .missingVariable(dataset, variable):
            return "\(dataset): variable \(variable) not found"
        case let .badValue(dataset, row, variable, value, expected):
            return "\(dataset) row \(row), \(variable): unusable value (value '\(value)'; expected \(expected))"
        case let .lengthMismatch(argument, expected, actual):
            return "\(argument): \(actual) values, expected \(expected) (one per row)"
        case let .notBinary(variable, levels):
            return "\(variable): expected exactly 2 groups, found \(levels.count) (\(levels.joined(separator: ", ")))"
        case let .tooFewRows(model, rows, needed):
            return "\(model): \(rows) complete rows, at least \(needed) needed"
        case let .singularDesign(column):
            return "design column \(column) is collinear with the others (aliased); remove it from the model"
        case let .badWeight(row, value):
            return "weight at row \(row + 1) is \(value); expected a finite positive number"
        case let .badOption(name, value, expected):
            return "option \(name): value '\(value)'; expected \(expected)"
        case let .badPlan(file, message):
            return "\(file): \(message)"
        case let .survival(context, message):
            return "\(context): \(message)"
        }
    }
}
