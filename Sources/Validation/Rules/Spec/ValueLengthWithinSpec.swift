import TrialCore

/// TD0107: no character value is longer than the spec's length (bytes, UTF-8), and the
/// declared length is not above it.
public struct ValueLengthWithinSpec: ValidationRule {
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

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
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
                if !anyTooLong, col.length > limit {
                    findings.append(finding(ds, variable: col.name, value: String(col.length),
                        "\(col.name) is declared with length \(col.length); the spec \(spec.name) gives \(limit) (no value is longer, so only the declaration is off)",
                        expected: "length ≤ \(limit)", severity: .warning))
                }
            }
        }
    }
}
