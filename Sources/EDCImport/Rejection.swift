import TrialCore

/// A source record the Binder could not turn into a model record, and why.
///
/// One record may yield several rejections (one per problem); counts in `BindReport` are records.
public struct Rejection: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The entity the record was meant for.
    public var entity: EntityKind
    /// Where the problem is: `ae.csv:12` (CSV line) or `crlm.xml: SubjectData[…]/…/ItemData[…]`.
    public var location: SourceLocation
    /// What is wrong, e.g. `unknown code for outcome (AEOUT)`.
    public var reason: String
    /// The offending value, if any.
    public var value: String?
    /// What was expected, if that can be said.
    public var expected: String?

    /// Creates a rejection.
    public init(entity: EntityKind, location: SourceLocation, reason: String, value: String? = nil, expected: String? = nil) {
        self.entity = entity
        self.location = location
        self.reason = reason
        self.value = value
        self.expected = expected
    }

    /// The rejection as an error diagnostic.
    public var diagnostic: Diagnostic { Diagnostic(.error, at: location, reason, value: value, expected: expected) }

    /// `LOCATION: rejected ENTITY record: REASON (value 'V'; expected E)`.
    public var description: String {
        var d = diagnostic
        d.message = "rejected \(entity.rawValue) record: " + reason
        return d.description.replacingOccurrences(of: ": error: rejected", with: ": rejected")
    }

    private enum CodingKeys: String, CodingKey { case entity, location, reason, value, expected }

    /// Encodes the location as its description (`ae.csv:12`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(entity, forKey: .entity)
        try c.encode(location.description, forKey: .location)
        try c.encode(reason, forKey: .reason)
        try c.encodeIfPresent(value, forKey: .value)
        try c.encodeIfPresent(expected, forKey: .expected)
    }

    /// Decoding is not supported for locations given as text; decodes into `.file(text)`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        entity = try c.decode(EntityKind.self, forKey: .entity)
        location = .file(try c.decode(String.self, forKey: .location))
        reason = try c.decode(String.self, forKey: .reason)
        value = try c.decodeIfPresent(String.self, forKey: .value)
        expected = try c.decodeIfPresent(String.self, forKey: .expected)
    }
}
