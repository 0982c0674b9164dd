import TrialCore

/// TD0804: the event/censoring date ADT is not before the time origin STARTDT.
public struct EventDateNotBeforeOrigin: ValidationRule {
    /// Rule id.
    public let id = "TD0804"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.adamTimeToEvent
    /// One-line title.
    public let title = "ADT before STARTDT"
    /// What is checked and why.
    public let description = "In a time-to-event dataset ADT (event or censoring date) must be on or after STARTDT (the time origin, e.g. randomisation). Dates are SAS date numbers or ISO 8601 text."
    /// How to fix a finding.
    public let fix = "Check the source of ADT (SRCDOM/SRCVAR/SRCSEQ) and of STARTDT; an event before the origin is a data error or belongs to another parameter's window."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        context.datasets(in: scope).contains { $0.column("ADT") != nil && $0.column("STARTDT") != nil }
            ? nil : "no time-to-event dataset has both ADT and STARTDT"
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            guard let adt = ds.values("ADT"), let start = ds.values("STARTDT") else { continue }
            for row in 0..<ds.rowCount {
                guard let a = ValueReading.sasDate(adt[row]), let s = ValueReading.sasDate(start[row]), a < s else { continue }
                let at = ValueReading.dateText(adt[row]), st = ValueReading.dateText(start[row])
                findings.append(finding(ds, row: row, variable: "ADT", value: at,
                    "ADT \(at) is \(s - a) day(s) before STARTDT \(st)", expected: "ADT on or after \(st)"))
            }
        }
    }
}
