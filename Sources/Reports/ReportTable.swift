import Foundation

/// A table of the report: title, header, body rows of text cells; rendered as HTML and CSV.
public struct ReportTable: Sendable, Equatable {
    /// File-safe identifier, e.g. `km-os`; the CSV is `tables/<id>.csv`.
    public let id: String
    /// Caption.
    public let title: String
    /// Column headers.
    public let header: [String]
    /// Body rows (each as long as the header).
    public let rows: [[String]]
    /// Indices of rows rendered as section headings (e.g. a body system total).
    public let emphasised: Set<Int>

    /// Creates a table.
    public init(id: String, title: String, header: [String], rows: [[String]], emphasised: Set<Int> = []) {
        self.id = id
        self.title = title
        self.header = header
        self.rows = rows
        self.emphasised = emphasised
    }

    /// `<table>` with caption; cells escaped.
    public var html: String {
        var s = "<table id=\"\(id)\"><caption>\(Format.escape(title))</caption>\n<thead><tr>"
        for h in header { s += "<th>\(Format.escape(h))</th>" }
        s += "</tr></thead>\n<tbody>\n"
        for (i, r) in rows.enumerated() {
            s += emphasised.contains(i) ? "<tr class=\"em\">" : "<tr>"
            for c in r { s += "<td>\(Format.escape(c))</td>" }
            s += "</tr>\n"
        }
        return s + "</tbody></table>\n"
    }

    /// RFC 4180 CSV (CRLF line ends, fields quoted when they contain a comma, quote or line break).
    public var csv: String {
        func field(_ f: String) -> String {
            if f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return f
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Plain text with aligned columns, for a terminal.
    public var text: String {
        let all = [header] + rows
        var width = [Int](repeating: 0, count: header.count)
        for r in all { for (k, c) in r.enumerated() where k < width.count { width[k] = max(width[k], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { k, c in c + String(repeating: " ", count: width[k] - c.count) }.joined(separator: "  ")
        }
        var s = title + "\n" + line(header) + "\n" + width.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { s += line(r) + "\n" }
        return s
    }
}
