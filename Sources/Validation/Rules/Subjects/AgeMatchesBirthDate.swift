import TrialCore

/// TD0405: DM.AGE (in years) agrees with BRTHDTC at RFSTDTC or at RFICDTC, allowing for a
/// partial birth date; and AGE is not negative.
public struct AgeMatchesBirthDate: ValidationRule {
    /// Rule id.
    public let id = "TD0405"
    /// Default severity.
    public let severity = Severity.warning
    /// Datasets checked.
    public let scope = RuleScope.datasets(["DM"])
    /// One-line title.
    public let title = "AGE inconsistent with BRTHDTC"
    /// What is checked and why.
    public let description = "AGE in YEARS must be the completed years between BRTHDTC and the reference start date RFSTDTC (the age at informed consent, RFICDTC, is accepted too). A partial BRTHDTC (year or year-month) allows a range of ages. Also checks that AGE is not negative (error)."
    /// How to fix a finding.
    public let fix = "Recompute AGE as whole years from BRTHDTC to RFSTDTC, or correct BRTHDTC; if the protocol derives age at informed consent, document it (the rule accepts the age at RFICDTC too)."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        guard let dm = context.dm else { return "DM is not in the input" }
        if dm.column("AGE") == nil { return "DM has no AGE" }
        if dm.column("BRTHDTC") == nil { return "DM has no BRTHDTC, so AGE cannot be checked against it" }
        return nil
    }

    /// Completed years from `birth` to `on`.
    static func years(from birth: CalendarDate, to on: CalendarDate) -> Int {
        var y = on.year - birth.year
        if (on.month, on.day) < (birth.month, birth.day) { y -= 1 }
        return y
    }

    /// Earliest and latest birth date a (possibly partial) BRTHDTC allows, or `nil`.
    static func birthRange(_ text: String) -> (CalendarDate, CalendarDate)? {
        guard let p = try? PartialDateTime.parseISO8601(text), let y = p.year else { return nil }
        if let m = p.month {
            if let d = p.day, let c = CalendarDate(year: y, month: m, day: d) { return (c, c) }
            guard let a = CalendarDate(year: y, month: m, day: 1),
                  let b = CalendarDate(year: y, month: m, day: CalendarDate.daysInMonth(year: y, month: m)) else { return nil }
            return (a, b)
        }
        guard let a = CalendarDate(year: y, month: 1, day: 1), let b = CalendarDate(year: y, month: 12, day: 31) else { return nil }
        return (a, b)
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        guard let dm = context.dm, let ages = dm.values("AGE"), let birth = dm.values("BRTHDTC") else { return }
        let units = dm.values("AGEU")
        let rf = dm.dates["RFSTDTC"]?.days
        let ic = dm.dates["RFICDTC"]?.days
        for row in 0..<dm.rowCount {
            guard let age = ValueReading.number(ages[row]) else { continue }
            if age < 0 {
                findings.append(finding(dm, row: row, variable: "AGE", value: Value.format(age),
                    "AGE is negative (\(Value.format(age)))", expected: "AGE ≥ 0", severity: .error))
                continue
            }
            if let u = units?[row].text.uppercased(), !u.isEmpty, u != "YEARS" { continue }
            guard let (earliest, latest) = AgeMatchesBirthDate.birthRange(birth[row].text) else { continue }
            var refs: [(String, CalendarDate)] = []
            if let d = rf?[row], DateColumn.isDate(d) { refs.append(("RFSTDTC", CalendarDate(sasDate: Int(d)))) }
            if let d = ic?[row], DateColumn.isDate(d) { refs.append(("RFICDTC", CalendarDate(sasDate: Int(d)))) }
            guard let primary = refs.first else { continue }
            let fits = refs.contains { ref in
                let lo = AgeMatchesBirthDate.years(from: latest, to: ref.1)
                let hi = AgeMatchesBirthDate.years(from: earliest, to: ref.1)
                return Double(lo) <= age && age <= Double(hi)
            }
            if !fits {
                let lo = AgeMatchesBirthDate.years(from: latest, to: primary.1)
                let hi = AgeMatchesBirthDate.years(from: earliest, to: primary.1)
                let want = lo == hi ? "\(lo)" : "\(lo)–\(hi)"
                findings.append(finding(dm, row: row, variable: "AGE", value: Value.format(age),
                    "AGE is \(Value.format(age)) but BRTHDTC \(birth[row].text) gives \(want) years at \(primary.0) \(primary.1.iso8601)",
                    expected: want))
            }
        }
    }
}
