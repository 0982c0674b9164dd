import Foundation
import TrialCore

/// A JSON value written with keys in the given order (the CLI contract fixes the key order).
///
/// Numbers print in Swift's shortest round-trip form; NaN and ±∞ print as `null`.
enum JSONValue {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A number or null.
    static func optional(_ v: Double?) -> JSONValue {
        guard let v, v.isFinite else { return .null }
        return .number(v)
    }

    /// Serialises to `out`.
    func write(to out: inout String) {
        switch self {
        case let .number(v):
            if !v.isFinite { out += "null" }
            else if v == v.rounded() && abs(v) < 1e15 { out += String(Int64(v)) }
            else { out += "\(v)" }
        case let .integer(i): out += String(i)
        case let .string(s): JSONValue.writeString(s, to: &out)
        case let .bool(b): out += b ? "true" : "false"
        case .null: out += "null"
        case let .array(a):
            out += "["
            for (k, v) in a.enumerated() { if k > 0 { out += "," }; v.write(to: &out) }
            out += "]"
        case let .object(o):
            out += "{"
            for (k, kv) in o.enumerated() {
                if k > 0 { out += "," }
                JSONValue.writeString(kv.0, to: &out)
                out += ":"
                kv.1.write(to: &out)
            }
            out += "}"
        }
    }

    /// The serialised text.
    var text: String { var s = ""; write(to: &s); return s }

    static func writeString(_ s: String, to out: inout String) {
        out += TextEscaping.jsonString(s)
    }
}

/// Text formatting close to R's print methods.
enum RFormat {
    /// Significant digits like R's `format(x, digits = d)`; "NA" for nil / non-finite.
    static func signif(_ v: Double?, _ digits: Int = 4) -> String {
        guard let v, v.isFinite else { return "NA" }
        if v == 0 { return "0" }
        var s = String(format: "%.\(digits)g", v)
        if s.contains("e") { return s }
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// Fixed decimals, "NA" for nil.
    static func fixed(_ v: Double?, _ decimals: Int) -> String {
        guard let v, v.isFinite else { return "NA" }
        return String(format: "%.\(decimals)f", v)
    }

    /// p-value as R's `format.pval(digits)`: "<2e-16" below machine precision.
    static func pValue(_ p: Double?, _ digits: Int = 2) -> String {
        guard let p, p.isFinite else { return "NA" }
        if p < 2.220446e-16 { return "<2e-16" }
        return signif(p, digits)
    }

    /// Right-aligned table with a left-aligned first column, columns separated by one space.
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = (0..<header.count).map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { r in
            r.enumerated().map { c, s in
                c == 0 ? s.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[c] - s.count) + s
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}
