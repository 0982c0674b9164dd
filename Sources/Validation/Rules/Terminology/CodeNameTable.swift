import TrialCore

/// The state of a "code and name are one-to-one" check over one dataset (--TESTCD/--TEST,
/// PARAMCD/PARAM): the first name seen for each code, the first code seen for each name, and
/// the conflicting pairs already reported. Kept across chunks, because a code spans subjects.
///
/// ```swift
/// var table = CodeNameTable()
/// table.check(ds, code: "QSTESTCD", name: "QSTEST", for: rule, into: &findings)
/// ```
public struct CodeNameTable: Sendable {
    var nameOf: [String: String] = [:]
    var codeOf: [String: String] = [:]
    var reported = Set<String>()

    /// Nothing seen yet.
    public init() {}

    /// Appends a finding of `rule` at the first record of each new conflicting pair: a code with
    /// a second name (on the name variable), a name with a second code (on the code variable).
    mutating func check<R: ValidationRule>(_ ds: InputDataset, code codeVar: String, name nameVar: String,
                                           for rule: R, into findings: inout [Finding]) {
        guard let codes = ds.values(codeVar), let names = ds.values(nameVar) else { return }
        var previous: (Value, Value)? = nil
        for row in 0..<ds.rowCount {
            // A record repeating the one above cannot bring a new conflict.
            if let p = previous, p.0 == codes[row], p.1 == names[row] { continue }
            previous = (codes[row], names[row])
            let c = codes[row].text, n = names[row].text
            if c.isEmpty && n.isEmpty { continue }
            if let prior = nameOf[c] {
                if prior != n, reported.insert("C\u{1F}\(c)\u{1F}\(n)").inserted {
                    findings.append(rule.finding(ds, row: row, variable: nameVar, value: n,
                        "\(codeVar) \(c) has \(nameVar) '\(n)' here but '\(prior)' on an earlier record", expected: prior))
                }
            } else { nameOf[c] = n }
            if let prior = codeOf[n] {
                if prior != c, reported.insert("N\u{1F}\(n)\u{1F}\(c)").inserted {
                    findings.append(rule.finding(ds, row: row, variable: codeVar, value: c,
                        "\(nameVar) '\(n)' has \(codeVar) \(c) here but \(prior) on an earlier record", expected: prior))
                }
            } else { codeOf[n] = c }
        }
    }
}
