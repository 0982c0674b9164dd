import TrialCore

/// TD0301: every `--DTC` value is ISO 8601 extended format and a real calendar date.
public struct ISO8601Date: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0301"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "--DTC is not a valid ISO 8601 date"
    /// What is checked and why.
    public let description = "Every --DTC value must be ISO 8601 extended format (YYYY-MM-DDThh:mm:ss, right-truncated for partial dates, a hyphen for an unknown inner part, e.g. 2021---15) and a date that exists (no 2021-02-30). A --DTC stored as a number (a SAS date) is reported once per variable."
    /// How to fix a finding.
    public let fix = "Rewrite the value in ISO 8601 (e.g. 15MAR2021 → 2021-03-15; unknown day → 2021-03); correct impossible dates at the source."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0003"]

    /// Creates the rule.
    public init() {}

    /// The numeric --DTC variables already reported (`DATASET.VARIABLE`).
    public func makeState() -> Set<String> { [] }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, state: inout Set<String>, into findings: inout [Finding]) {
        for ds in context.datasets {
            // A numeric --DTC (e.g. a SAS date number) cannot hold ISO 8601 text: once per variable,
            // with the study's first value (state: the variables already reported).
            for col in ds.dataset.columns where col.type == .numeric && col.name.uppercased().hasSuffix("DTC") {
                guard !state.contains(ds.name + "." + col.name),
                      let first = col.values.first(where: { ValueReading.number($0) != nil }) else { continue }
                state.insert(ds.name + "." + col.name)
                let asDate = ValueReading.dateText(first)
                findings.append(finding(ds, variable: col.name, value: first.text,
                    "\(col.name) is numeric (e.g. \(first.text), which as a SAS date is \(asDate)); --DTC variables hold ISO 8601 text",
                    expected: "character ISO 8601 dates, e.g. \(asDate)"))
            }
            for name in ds.dateColumnNames {
                guard let days = ds.dates[name]?.days, let col = ds.column(name) else { continue }
                for (row, d) in days.enumerated() where d == DateColumn.invalid {
                    let text = col.values[row].text
                    var why = "not ISO 8601"
                    var expected = "ISO 8601 YYYY-MM-DD[Thh:mm[:ss]] (right-truncated when partial)"
                    do { _ = try PartialDateTime.parseISO8601(text) } catch {
                        why = error.message
                        expected = error.expected
                    }
                    findings.append(finding(ds, row: row, variable: col.name, value: text,
                        "\(col.name) '\(text)' is not a valid ISO 8601 date: \(why)", expected: expected))
                }
            }
        }
    }
}
