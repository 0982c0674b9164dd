/// An input that cannot be used: the typed error every reader and binder throws.
///
/// Carries one or more diagnostics (the first is the cause). The CLI maps it to exit code 65
/// (EX_DATAERR) and prints every diagnostic.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The diagnostics, first the one that stopped processing.
    public var diagnostics: [Diagnostic]

    /// An error from one diagnostic.
    public init(_ diagnostic: Diagnostic) { diagnostics = [diagnostic] }

    /// An error from several diagnostics (at least one).
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// An error at `location` with `message`, the offending `value` and what was `expected`.
    public init(at location: SourceLocation, _ message: String, value: String? = nil,
                expected: String? = nil) {
        diagnostics = [Diagnostic(.error, at: location, message, value: value, expected: expected)]
    }

    /// All diagnostics, one per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
