/// A rule whose findings depend on more than the records of one subject: a dataset's
/// metadata (reported once per dataset), a whole-dataset table (a code that must keep one
/// name, keys without USUBJID) or a count over the dataset. It keeps what it needs across the
/// chunks of a study in a small `State` and reports what is only known at the end in
/// `finish`, so that validating chunk by chunk (`ChunkedValidation`) gives exactly the
/// findings of validating the whole study; validating a whole study is one chunk.
///
/// Rules that look at one record or one subject at a time need nothing of this: every chunk
/// holds all records of its subjects.
/// ```swift
/// struct LabelMatchesSpec: ChunkAwareRule {
///     func makeState() -> Set<String> { [] }          // datasets already checked
///     func check(_ context: ValidationContext, state: inout Set<String>, into findings: inout [Finding]) {
///         for ds in context.datasets where state.insert(ds.name).inserted { … }
///     }
/// }
/// ```
public protocol ChunkAwareRule: ValidationRule {
    /// What the rule keeps between chunks (small: no copy of a dataset).
    associatedtype State: Sendable
    /// The state before the first chunk.
    func makeState() -> State
    /// Checks one chunk (or the whole study), updating `state`.
    func check(_ context: ValidationContext, state: inout State, into findings: inout [Finding])
    /// Appends the findings known only after the last chunk.
    func finish(_ state: State, into findings: inout [Finding])
}

extension ChunkAwareRule {
    /// Checks a whole study: one chunk, then `finish`.
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        var state = makeState()
        check(context, state: &state, into: &findings)
        finish(state, into: &findings)
    }

    /// By default nothing is left to report at the end.
    public func finish(_ state: State, into findings: inout [Finding]) {}
}
