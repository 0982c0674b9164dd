import TrialCore

/// TD0107: no character value is longer than the spec's length (bytes, UTF-8), and the
/// declared length is not above it.
public struct ValueLengthWithinSpec: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0107"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Value longer than the spec's length"
    /// What is checked and why.
    public let description = "A character value has more bytes (UTF-8) than the spec's length for the variable, so it would be truncated in a submission file; or the variable is declared longer than the spec allows (warning)."
    /// How to fix a finding.
    public let fix = "Shorten the value (SDTM: split text over 200 bytes into SUPP--) or, if the spec is too tight, raise the length in the spec."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// One character variable with a spec length: its declared length (the longest over the
    /// chunks, as the study's file declares it) and whether any value was too long.
    public struct Declaration: Sendable {
        var dataset: String
        var variable: String
        var spec: String
        var limit: Int
        var length: Int
        var anyTooLong: Bool
    }

    /// The declarations seen so far, in dataset and column order.
    public func makeState() -> [Declaration] { [] }

    /// Reports every value longer than its spec length and records the declarations.
    public func check(_ context: ValidationContext, state: inout [Declaration], into findings: inout [Finding]) {
        for ds in context.datasets {
            guard let spec = ds.spec else { continue }
            for col in ds.dataset.columns where col.type == .character {
                guard let v = spec.variable(col.name), v.type == .character, let limit = v.length else { continue }
                var anyTooLong = false
                for (row, value) in col.values.enumerated() {
                    guard case .character(let s) = value, s.utf8.count > limit else { continue }
                    anyTooLong = true
                    findings.append(finding(ds, row: row, variable: col.name, value: s,
                        "\(col.name) is \(s.utf8.count) bytes long; the spec \(spec.name) allows \(limit)",
                        expected: "at most \(limit) bytes"))
                }
                if let i = state.firstIndex(where: { $0.dataset == ds.name && $0.variable == col.name }) {
                    state[i].length = max(state[i].length, col.length)
                    state[i].anyTooLong = state[i].anyTooLong || anyTooLong
                } else {
                    state.append(Declaration(dataset: ds.name, variable: col.name, spec: spec.name, limit: limit,
                                             length: col.length, anyTooLong: anyTooLong))
                }
            }
        }
    }

    /// A declared length above the spec's when no value is too long (only the declaration is off).
    public func finish(_ state: [Declaration], into findings: inout [Finding]) {
        for d in state where !d.anyTooLong && d.length > d.limit {
            findings.append(Finding(ruleID: id, severity: .warning, dataset: d.dataset, variable: d.variable,
                value: String(d.length),
                message: "\(d.variable) is declared with length \(d.length); the spec \(d.spec) gives \(d.limit) (no value is longer, so only the declaration is off)",
                expected: "length ≤ \(d.limit)"))
        }
    }
}
