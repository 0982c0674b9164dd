/// One variable of a dataset with its metadata and its values, in row order.
///
/// `length` is in bytes: for character variables the declared storage length (XPT v5 allows
/// 1–200); for numeric variables 8 (an 8-byte double). `format` is a SAS display format such
/// as `DATE9.` or `8.2`, or `nil`.
public struct Column: Sendable, Hashable {
    /// Variable name, e.g. `USUBJID` (upper case, ≤ 8 characters for XPT v5).
    public var name: String
    /// Variable label, e.g. `Unique Subject Identifier` (≤ 40 characters for XPT v5).
    public var label: String
    /// Character or numeric.
    public var type: VariableType
    /// Storage length in bytes (character) or 8 (numeric).
    public var length: Int
    /// SAS display format, e.g. `DATE9.`, or `nil`.
    public var format: String?
    /// The values, one per row.
    public var values: [Value]

    /// Creates a column; `length` defaults to 8 for numeric and to the longest UTF-8 value
    /// (at least 1) for character columns.
    public init(name: String, label: String = "", type: VariableType, length: Int? = nil,
                format: String? = nil, values: [Value] = []) {
        self.name = name
        self.label = label
        self.type = type
        self.format = format
        self.values = values
        self.length = length ?? (type == .numeric ? 8 : Column.longestByteLength(values))
    }

    /// A character column from strings.
    public static func character(_ name: String, label: String = "", length: Int? = nil,
                                 _ strings: [String]) -> Column {
        Column(name: name, label: label, type: .character, length: length,
               values: strings.map { .character($0) })
    }

    /// A numeric column from optional doubles (`nil` becomes the missing value `.`).
    public static func numeric(_ name: String, label: String = "", format: String? = nil,
                               _ numbers: [Double?]) -> Column {
        Column(name: name, label: label, type: .numeric, format: format,
               values: numbers.map { $0.map(Value.number) ?? .dot })
    }

    /// The length in UTF-8 bytes of the longest character value (at least 1).
    public static func longestByteLength(_ values: [Value]) -> Int {
        var longest = 1
        for v in values { if case .character(let s) = v { longest = max(longest, s.utf8.count) } }
        return longest
    }
}
