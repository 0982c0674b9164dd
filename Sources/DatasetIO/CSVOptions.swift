/// How a CSV file is laid out: delimiter, header row, text encoding and what to do with
/// rows whose field count differs from the header's.
///
/// ```swift
/// var o = CSVOptions()          // comma, header row, UTF-8, ragged rows rejected
/// o.delimiter = .semicolon
/// o.encoding = .latin1          // decode bytes 0x80–0xFF as ISO 8859-1
/// ```
public struct CSVOptions: Sendable, Hashable {
    /// The field separator; one of the four an EDC export declares.
    public enum Delimiter: UInt8, Sendable, Hashable, CaseIterable {
        /// `,`
        case comma = 0x2C
        /// `;`
        case semicolon = 0x3B
        /// horizontal tab
        case tab = 0x09
        /// `|`
        case pipe = 0x7C

        /// The delimiter as written in messages: `','`, `';'`, `tab`, `'|'`.
        public var displayName: String {
            self == .tab ? "tab" : "'\(Character(Unicode.Scalar(rawValue)))'"
        }

        /// The delimiter named by `text` (`,` `;` `|` `\t`, or `comma`, `semicolon`, `tab`,
        /// `pipe`), or `nil`.
        public init?(text: String) {
            switch text.lowercased() {
            case ",", "comma": self = .comma
            case ";", "semicolon": self = .semicolon
            case "\t", "\\t", "tab": self = .tab
            case "|", "pipe": self = .pipe
            default: return nil
            }
        }
    }

    /// The text encoding of the file.
    public enum Encoding: String, Sendable, Hashable {
        /// UTF-8, with or without a byte-order mark; invalid bytes are an error.
        case utf8
        /// ISO 8859-1: every byte is one character (bytes 0x80–0xFF become U+0080–U+00FF).
        case latin1
        /// Windows-1252 (SAS "WLATIN1"): Latin-1 with printable characters at 0x80–0x9F
        /// (`’` for 0x92, `€` for 0x80, …).
        case windows1252
    }

    /// What happens to a row whose field count differs from the header's (or, without a
    /// header, from the first row's).
    public enum RaggedRows: String, Sendable, Hashable {
        /// Throw an `InputError` naming the line and both counts.
        case reject
        /// Return the row as it is (never padded) and add a warning to `CSVReader.diagnostics`.
        case report
    }

    /// Field separator; default `,`.
    public var delimiter: Delimiter
    /// True when the first record holds the column names; default `true`.
    public var hasHeader: Bool
    /// Text encoding; default UTF-8.
    public var encoding: Encoding
    /// Ragged-row policy; default `.reject`.
    public var raggedRows: RaggedRows
    /// Skip lines that contain nothing at all (not even a delimiter); default `true`.
    public var skipBlankLines: Bool

    /// Creates options; every argument has the default described on its property.
    public init(delimiter: Delimiter = .comma, hasHeader: Bool = true, encoding: Encoding = .utf8,
                raggedRows: RaggedRows = .reject, skipBlankLines: Bool = true) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.encoding = encoding
        self.raggedRows = raggedRows
        self.skipBlankLines = skipBlankLines
    }
}
