import TrialCore

/// How a study's CSV export is written: delimiter, character encoding and default date layout.
///
/// YAML: `csv: {delimiter: ",", encoding: utf-8, dateFormat: DD-MON-YYYY}`.
public struct CSVDialect: Sendable, Hashable, Codable {
    /// Character encodings an EDC CSV export may declare.
    public enum Encoding: String, Sendable, Hashable, Codable, CaseIterable {
        /// UTF-8, with or without byte-order mark (the default).
        case utf8 = "utf-8"
        /// ISO 8859-1; bytes are decoded one-to-one to U+0000–U+00FF.
        case latin1 = "latin-1"
    }

    /// Field delimiter: one of `,` `;` tab `|`. YAML spells tab as `"\t"`.
    public var delimiter: String
    /// Character encoding of every file of the export.
    public var encoding: Encoding
    /// Layout of date fields unless a field declares its own (ODM dates are always ISO 8601).
    public var dateFormat: EDCDateFormatName

    /// Creates a dialect.
    public init(delimiter: String = ",", encoding: Encoding = .utf8, dateFormat: EDCDateFormatName = .init(.iso8601)) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.dateFormat = dateFormat
    }

    private enum CodingKeys: String, CodingKey { case delimiter, encoding, dateFormat }

    /// Decodes with defaults `,`, `utf-8`, `ISO8601` for absent keys.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        delimiter = try c.decodeIfPresent(String.self, forKey: .delimiter) ?? ","
        encoding = try c.decodeIfPresent(Encoding.self, forKey: .encoding) ?? .utf8
        dateFormat = try c.decodeIfPresent(EDCDateFormatName.self, forKey: .dateFormat) ?? .init(.iso8601)
    }

    /// The delimiter as one byte, or `nil` when it is not one of `,` `;` tab `|`.
    public var delimiterByte: UInt8? {
        switch delimiter {
        case ",": return UInt8(ascii: ",")
        case ";": return UInt8(ascii: ";")
        case "\t", "tab", "TAB": return UInt8(ascii: "\t")
        case "|": return UInt8(ascii: "|")
        default: return nil
        }
    }
}
