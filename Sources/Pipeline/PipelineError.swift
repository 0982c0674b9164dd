import TrialCore

/// Why a run stopped: bad input (exit 65), a stage's internal failure (exit 70), or an output
/// that could not be written. Nothing of the previous outputs is changed when it is thrown.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    /// Input data or configuration that cannot be used; diagnostics name file, line, value.
    case badInput(stage: String, InputError)
    /// An analysis input problem (names the dataset, row, variable).
    case analysis(String)
    /// A file or folder could not be written or renamed.
    case output(path: String, reason: String)

    /// One line per diagnostic.
    public var description: String {
        switch self {
        case let .badInput(stage, e): return "\(stage): " + e.description
        case let .analysis(message): return "analysis: " + message
        case let .output(path, reason): return "\(path): cannot write (\(reason))"
        }
    }
}
