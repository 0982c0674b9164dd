/// A message about the input or the processing, tied to where it applies.
///
/// Library modules return diagnostics instead of printing; the CLI prints them as
/// `LOCATION: SEVERITY: MESSAGE (value 'V'; expected E)`.
public struct Diagnostic: Sendable, Hashable, Codable, Error, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        /// Information only.
        case note
        /// Suspicious but processed.
        case warning
        /// The record or file cannot be used.
        case error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        /// Orders note < warning < error.
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// Severity of the finding.
    public var severity: Severity
    /// Where it applies.
    public var location: SourceLocation
    /// What is wrong, in words a data manager understands.
    public var message: String
    /// The offending value as found in the input, if any.
    public var value: String?
    /// What was expected instead, if that can be said.
    public var expected: String?

    /// Creates a diagnostic.
    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String,
                value: String? = nil, expected: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.value = value
        self.expected = expected
    }

    /// `dm.csv:12:3: error: invalid date (value '2021-02-30'; expected a calendar date)`.
    public var description: String {
        var s = "\(location.description): \(severity.rawValue): \(message)"
        var extra: [String] = []
        if let value { extra.append("value '\(value)'") }
        if let expected { extra.append("expected \(expected)") }
        if !extra.isEmpty { s += " (" + extra.joined(separator: "; ") + ")" }
        return s
    }
}
