/// Why a simulation or export could not be completed.
public enum SimulationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file could not be written.
    case cannotWrite(path: String, reason: String)
    /// The configuration or the mapping cannot be used (what, and what was expected).
    case invalidInput(what: String, expected: String)

    /// One-line message.
    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "\(path): cannot write: \(reason)"
        case let .invalidInput(what, expected): return "\(what) (expected \(expected))"
        }
    }
}
