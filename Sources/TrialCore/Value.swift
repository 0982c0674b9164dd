/// One cell of a dataset: a SAS-style number (with missing values) or a character string.
///
/// Numbers are IEEE doubles. SAS distinguishes the ordinary missing value `.` from the 27
/// special missing values `.A`–`.Z` and `._`; `Value` keeps that distinction so that XPT files
/// round-trip. A character value is a Swift `String`; the empty string is SAS's character missing.
public enum Value: Sendable, Hashable {
    /// A present numeric value.
    case number(Double)
    /// A numeric missing value (`.`, `.A`–`.Z`, `._`).
    case missing(MissingValue)
    /// A character value; `""` is character missing.
    case character(String)

    /// The ordinary numeric missing value `.`.
    public static let dot: Value = .missing(.dot)

    /// The number, or `nil` when the value is missing or character.
    @inlinable public var number: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// The string, or `nil` when the value is numeric.
    @inlinable public var string: String? {
        if case .character(let s) = self { return s }
        return nil
    }

    /// True for numeric missing values and for the empty (or all-blank) character value.
    public var isMissing: Bool {
        switch self {
        case .number: return false
        case .missing: return true
        case .character(let s): return s.allSatisfy { $0 == " " }
        }
    }

    /// The value as text: numbers in shortest round-trip form (integers without `.0`),
    /// missing as `""` for `.` and `.A` for special missings, characters as they are.
    public var text: String {
        switch self {
        case .number(let x): return Value.format(x)
        case .missing(let m): return m == .dot ? "" : m.sasNotation
        case .character(let s): return s
        }
    }

    /// Formats a double the way a data manager expects to read it: `12`, `0.5`, `1e-300`.
    public static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 {
            if x == 0 { return x.sign == .minus ? "-0" : "0" }
            return String(Int64(x))
        }
        return "\(x)"
    }
}

/// A SAS numeric missing value: `.` or one of the special missings `.A`–`.Z` and `._`.
public enum MissingValue: Sendable, Hashable {
    /// The ordinary missing value `.`.
    case dot
    /// The underscore missing value `._`.
    case underscore
    /// A letter missing value `.A`–`.Z` (stored as the upper-case ASCII letter).
    case letter(Character)

    /// Creates a missing value from its SAS notation (`.`, `._`, `.A`…`.Z`, case-insensitive),
    /// or returns `nil` for any other text.
    public init?(sasNotation text: String) {
        switch text {
        case ".": self = .dot
        case "._": self = .underscore
        default:
            let u = text.uppercased()
            guard u.count == 2, u.first == ".", let c = u.last, c.isASCII, c.isLetter else { return nil }
            self = .letter(c)
        }
    }

    /// The SAS notation: `.`, `._` or `.A`…`.Z`.
    public var sasNotation: String {
        switch self {
        case .dot: return "."
        case .underscore: return "._"
        case .letter(let c): return "." + String(c)
        }
    }
}
