/// An ordered, one-to-one map from raw export codes to model values (enum raw values, or
/// `true`/`false` for yes/no fields), e.g. `{"1": M, "2": F, "9": U}`.
///
/// Order is the YAML order (used as CodeList order when an ODM writer inverts the mapping).
/// Both directions are unique; `StudyMapping.validate` rejects a map that is not bijective.
public struct CodeMap: Sendable, Hashable, Codable {
    /// The pairs in YAML order.
    public var pairs: [(code: String, value: String)] {
        get { zip(codes, values).map { ($0, $1) } }
        set { codes = newValue.map(\.code); values = newValue.map(\.value) }
    }
    /// Raw codes in order.
    public private(set) var codes: [String]
    /// Model values in order (same count as `codes`).
    public private(set) var values: [String]

    /// Creates a map from ordered pairs.
    public init(_ pairs: [(code: String, value: String)]) {
        codes = pairs.map(\.code)
        values = pairs.map(\.value)
    }

    /// The model value for a raw code (exact match first, then case-insensitive), or `nil`.
    public func value(forCode code: String) -> String? {
        if let i = codes.firstIndex(of: code) { return values[i] }
        let u = code.uppercased()
        if let i = codes.firstIndex(where: { $0.uppercased() == u }) { return values[i] }
        return nil
    }

    /// The raw code for a model value (the inverse map, for writers), or `nil`.
    public func code(forValue value: String) -> String? {
        values.firstIndex(of: value).map { codes[$0] }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes a YAML mapping keeping its key order.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var codes: [String] = [], values: [String] = []
        for k in c.allKeys {
            codes.append(k.stringValue)
            values.append(try c.decode(String.self, forKey: k))
        }
        self.codes = codes
        self.values = values
    }

    /// Encodes as a mapping.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (k, v) in zip(codes, values) { try c.encode(v, forKey: Key(stringValue: k)) }
    }

    /// Equal when the same pairs are in the same order.
    public static func == (a: CodeMap, b: CodeMap) -> Bool { a.codes == b.codes && a.values == b.values }
    /// Hashes the pairs.
    public func hash(into h: inout Hasher) { h.combine(codes); h.combine(values) }
}
