/// Escaping of text for the report and machine-readable outputs every module writes:
/// JSON string literals and HTML/SVG text. One implementation, so that every output agrees.
public enum TextEscaping {
    /// A JSON string literal with its quotes (RFC 8259): `"`, `\`, and control characters are
    /// escaped (`\n`, `\r`, `\t`, else `\u00XX`); U+2028 and U+2029 too, so the literal is also
    /// safe inside an HTML `<script>`.
    public static func jsonString(_ s: String) -> String {
        var out = "\""
        appendJSONString(s, to: &out)
        out += "\""
        return out
    }

    /// Appends the escaped content of `s` (without the surrounding quotes) to `out`.
    public static func appendJSONString(_ s: String, to out: inout String) {
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
    }

    /// Text for HTML or SVG content and attribute values: `&`, `<`, `>`, `"` become entities.
    public static func html(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
