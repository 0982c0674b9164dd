/// One CSV row per finding (RFC 4180: fields with comma, quote, CR/LF or edge blanks are
/// quoted, quotes doubled), with a header row.
enum CSVReport {
    /// The header.
    static let header = ["rule", "severity", "equivalents", "dataset", "row", "usubjid", "seq",
                         "variable", "value", "message", "expected"]

    /// Renders `report`.
    static func render(_ report: ValidationReport) -> String {
        let eq = Dictionary(uniqueKeysWithValues: report.rules.map { ($0.id, $0.equivalents.joined(separator: " ")) })
        var out = header.joined(separator: ",") + "\r\n"
        for f in report.findings {
            let fields = [f.ruleID, f.severity.rawValue, eq[f.ruleID] ?? "", f.dataset, f.row.map(String.init) ?? "",
                          f.usubjid ?? "", f.sequence ?? "", f.variable ?? "", f.value ?? "", f.message, f.expected ?? ""]
            out += fields.map(quote).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The field, quoted when needed.
    static func quote(_ s: String) -> String {
        let needs = s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.first == " " || s.last == " "
        guard needs else { return s }
        return "\"" + s.replacing("\"", with: "\"\"") + "\""
    }
}
