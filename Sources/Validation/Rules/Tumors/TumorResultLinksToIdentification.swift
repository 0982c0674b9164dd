import TrialCore

/// TD0701: every TR.TRLNKID of a subject matches a TU.TULNKID of the same subject.
public struct TumorResultLinksToIdentification: ValidationRule {
    /// Rule id.
    public let id = "TD0701"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.datasets(["TR"])
    /// One-line title.
    public let title = "Tumor result without a tumor identification"
    /// What is checked and why.
    public let description = "TR measurements point to the lesion identified in TU through TRLNKID = TULNKID (same subject). A TRLNKID with no TU record leaves the measurement without a lesion (location, target/non-target)."
    /// How to fix a finding.
    public let fix = "Add the lesion's TU record, or correct TRLNKID (e.g. T01 vs T1) so that it matches TULNKID."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        guard let tu = context.datasets(in: .datasets(["TU"])).first else { return "TU is not in the input" }
        return tu.column("TULNKID") == nil ? "TU has no TULNKID" : nil
    }

    struct Link: Hashable { let subject: Int32; let id: String }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        var known = Set<Link>()
        for tu in context.datasets(in: .datasets(["TU"])) {
            guard let ids = tu.values("TULNKID") else { continue }
            for row in 0..<tu.rowCount { known.insert(Link(subject: tu.subjects[row], id: ids[row].text)) }
        }
        for tr in context.datasets(in: scope) {
            guard let ids = tr.values("TRLNKID") else { continue }
            for row in 0..<tr.rowCount {
                let id = ids[row].text
                if id.isEmpty || known.contains(Link(subject: tr.subjects[row], id: id)) { continue }
                findings.append(finding(tr, row: row, variable: "TRLNKID", value: id,
                    "TRLNKID \(id) has no TU record with TULNKID \(id) for this subject",
                    expected: "a TULNKID of the subject in TU"))
            }
        }
    }
}
