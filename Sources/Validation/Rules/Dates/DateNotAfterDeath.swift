import TrialCore

/// TD0306: no event, finding or intervention of a subject is dated after the subject's death
/// (DM.DTHDTC).
public struct DateNotAfterDeath: ValidationRule {
    /// Rule id.
    public let id = "TD0306"
    /// Default severity.
    public let severity = Severity.warning
    /// Datasets checked.
    public let scope = RuleScope.sdtm
    /// One-line title.
    public let title = "Date after the subject's death"
    /// What is checked and why.
    public let description = "A --DTC, --STDTC or --ENDTC of a record is later than the subject's DM.DTHDTC (both complete dates). Domains configured in deathIsNotAfterForDomains (default DS, where the death and later administrative records live) and DM itself are not checked."
    /// How to fix a finding.
    public let fix = "Check the record's date and DTHDTC against the source; if the record was legitimately collected after death (e.g. an autopsy result), explain it in the reviewer's guide."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        guard let dm = context.dm else { return "DM is not in the input, so death dates are unknown" }
        return dm.dates["DTHDTC"] == nil ? "DM has no DTHDTC" : nil
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        let skip = Set(context.configuration.deathIsNotAfterForDomains.map { $0.uppercased() } + ["DM"])
        for ds in context.datasets(in: scope) where !skip.contains(ds.domain) && !skip.contains(ds.name) {
            for name in ds.dateColumnNames {
                guard let days = ds.dates[name]?.days else { continue }
                for row in 0..<ds.rowCount {
                    let d = days[row], s = ds.subjects[row]
                    guard DateColumn.isDate(d), s >= 0 else { continue }
                    let death = context.deathDate[Int(s)]
                    guard DateColumn.isDate(death), d > death else { continue }
                    let date = CalendarDate(sasDate: Int(d)), dth = CalendarDate(sasDate: Int(death))
                    findings.append(finding(ds, row: row, variable: name, value: date.iso8601,
                        "\(name) \(date.iso8601) is \(dth.days(to: date)) day(s) after the subject's death (DM.DTHDTC \(dth.iso8601))",
                        expected: "on or before \(dth.iso8601)"))
                }
            }
        }
    }
}
