import TrialCore

/// TD0501: an AE with AESER = Y has at least one seriousness criterion = Y (AESDTH, AESLIFE,
/// AESHOSP, AESDISAB, AESCONG, AESMIE).
public struct SeriousEventHasCriterion: ValidationRule {
    /// Rule id.
    public let id = "TD0501"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.datasets(["AE"])
    /// One-line title.
    public let title = "Serious AE without a seriousness criterion"
    /// What is checked and why.
    public let description = "An adverse event flagged serious (AESER = Y) must say why: at least one of AESDTH (death), AESLIFE (life-threatening), AESHOSP (hospitalisation), AESDISAB (disability), AESCONG (congenital anomaly), AESMIE (other medically important) must be Y."
    /// How to fix a finding.
    public let fix = "Fill in the seriousness criteria from the SAE form; if the event is not serious, set AESER = N."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0009"]

    /// The seriousness criteria variables.
    public static let criteria = ["AESDTH", "AESLIFE", "AESHOSP", "AESDISAB", "AESCONG", "AESMIE"]

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        context.datasets(in: scope).contains { $0.column("AESER") != nil } ? nil : "AE has no AESER"
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            guard let ser = ds.values("AESER") else { continue }
            let present = SeriousEventHasCriterion.criteria.filter { ds.column($0) != nil }
            let cols = present.compactMap { ds.values($0) }
            for row in 0..<ds.rowCount where ser[row].text.uppercased() == "Y" {
                if cols.contains(where: { $0[row].text.uppercased() == "Y" }) { continue }
                let which = present.isEmpty ? "AE has none of the criteria variables" : "none of \(present.joined(separator: ", ")) is Y"
                findings.append(finding(ds, row: row, variable: "AESER", value: "Y",
                    "AESER is Y but \(which)",
                    expected: "at least one of \(SeriousEventHasCriterion.criteria.joined(separator: ", ")) = Y"))
            }
        }
    }
}
