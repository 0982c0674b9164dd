import TrialCore

/// Checks an ODM `ItemData/@Value` against an ItemDef DataType (ODM 1.3.2 §3.1.3 and the XSD patterns).
public enum ODMValueCheck {
    /// `(message, expected)` when `value` does not conform to `dataType` (and `length`), else `nil`.
    ///
    /// Length counts characters for `text`/`string` and digits for `integer`/`float`.
    /// Types this function does not know (`hexBinary`, `URI`, …) are accepted.
    public static func check(_ value: String, dataType: String, length: Int?) -> (message: String, expected: String)? {
        switch dataType {
        case "integer":
            guard isInteger(value) else { return ("not an integer", "an integer, e.g. 42") }
            if let length, digits(value) > length { return ("integer longer than Length \(length)", "at most \(length) digits") }
        case "float", "double":
            guard isDecimal(value) || (dataType == "double" && ["INF", "-INF", "NaN"].contains(value)) else {
                return ("not a number", "a decimal number, e.g. 12.5")
            }
            if let length, digits(value) > length { return ("number longer than Length \(length)", "at most \(length) digits") }
        case "date":
            guard value.utf8.count == 10, let d = try? PartialDateTime.parseISO8601(value), d.isCompleteDate, d.hour == nil else {
                return (impossibleOrMalformed(value), "a complete date YYYY-MM-DD")
            }
        case "partialDate", "incompleteDate":
            guard !value.utf8.contains(UInt8(ascii: "T")), (try? PartialDateTime.parseISO8601(value)) != nil else {
                return (impossibleOrMalformed(value), "YYYY, YYYY-MM or YYYY-MM-DD")
            }
        case "datetime":
            guard let d = try? PartialDateTime.parseISO8601(value), d.isCompleteDate, d.hour != nil, d.minute != nil else {
                return (impossibleOrMalformed(value), "a complete date-time YYYY-MM-DDThh:mm[:ss]")
            }
        case "partialDatetime", "incompleteDatetime":
            guard (try? PartialDateTime.parseISO8601(value)) != nil else {
                return (impossibleOrMalformed(value), "an ISO 8601 date-time, possibly partial")
            }
        case "time", "partialTime":
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            let ok = (1...3).contains(parts.count) && parts.enumerated().allSatisfy { i, p in
                p.count == 2 && p.allSatisfy(\.isASCII) && p.allSatisfy(\.isNumber) && Int(p)! < (i == 0 ? 24 : 60)
            }
            if !ok || (dataType == "time" && parts.count < 2) { return ("not a time", "hh:mm[:ss]") }
        case "boolean":
            guard ["true", "false", "1", "0"].contains(value) else { return ("not a boolean", "true, false, 1 or 0") }
        case "text", "string":
            if let length, value.count > length { return ("text longer than Length \(length)", "at most \(length) characters") }
        default:
            break
        }
        return nil
    }

    /// "impossible date" when the shape is a date but the calendar rejects it, else "malformed date".
    private static func impossibleOrMalformed(_ value: String) -> String {
        do { _ = try PartialDateTime.parseISO8601(value) } catch {
            return error.message.contains("out of range") ? "impossible date: \(error.message)" : "malformed date"
        }
        return "date of the wrong precision"
    }

    static func isInteger(_ s: String) -> Bool {
        var u = Substring(s)
        if u.first == "+" || u.first == "-" { u = u.dropFirst() }
        return !u.isEmpty && u.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    static func isDecimal(_ s: String) -> Bool {
        var u = Substring(s)
        if let e = u.firstIndex(where: { $0 == "e" || $0 == "E" || $0 == "d" || $0 == "D" }) {
            guard isInteger(String(u[u.index(after: e)...])) else { return false }
            u = u[..<e]
        }
        if u.first == "+" || u.first == "-" { u = u.dropFirst() }
        let parts = u.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return false }
        guard parts.contains(where: { !$0.isEmpty }) else { return false }
        return parts.allSatisfy { $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
    }

    static func digits(_ s: String) -> Int {
        var n = 0
        for b in s.utf8 where b >= 48 && b <= 57 { n += 1 }
        return n
    }
}
