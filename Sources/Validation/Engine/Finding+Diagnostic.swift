import TrialCore

extension Finding {
    /// The finding as a TrialCore `Diagnostic` (notice → note), located at
    /// `.dataset(name:row:variable:)` (row 0 for dataset- or variable-level findings), with the
    /// rule id in front of the message: `TD0301: AESTDTC '2021-02-30' is not …`.
    public var diagnostic: Diagnostic {
        let s: Diagnostic.Severity = severity == .error ? .error : severity == .warning ? .warning : .note
        return Diagnostic(s, at: .dataset(name: dataset, row: row ?? 0, variable: variable),
                          "\(ruleID): \(message)", value: value, expected: expected)
    }
}
