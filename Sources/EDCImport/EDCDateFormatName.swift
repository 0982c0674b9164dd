import TrialCore

/// A `TrialCore.EDCDateFormat` as it is spelled in a mapping (`DD-MON-YYYY`, `ISO8601`, …).
///
/// Wraps the enum so a mapping can be decoded with a clear error for an unknown layout.
public struct EDCDateFormatName: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The layout.
    public var format: EDCDateFormat

    /// Wraps a layout.
    public init(_ format: EDCDateFormat) { self.format = format }

    /// Decodes the raw value; unknown names list the accepted ones.
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let f = EDCDateFormat(rawValue: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "unknown date format '\(raw)' (expected one of \(EDCDateFormat.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        format = f
    }

    /// Encodes the raw value.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(format.rawValue)
    }

    /// The raw value, e.g. `DD-MON-YYYY`.
    public var description: String { format.rawValue }
}
