import TrialCore

/// Where a model record came from: export file and line, or ODM OID path.
///
/// Provenance does not take part in equality or hashing, so the same study bound from its
/// CSV export and from its ODM export compares equal while each record still knows its source.
public struct Provenance: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The source location.
    public var location: SourceLocation

    /// Creates a provenance from a location.
    public init(_ location: SourceLocation) { self.location = location }

    /// No known source (records made in code, e.g. by tests).
    public static let none = Provenance(.unknown)

    /// Always true: provenance is not part of a record's value.
    public static func == (_: Provenance, _: Provenance) -> Bool { true }
    /// Contributes nothing to the hash (consistent with `==`).
    public func hash(into hasher: inout Hasher) {}

    /// The location's description.
    public var description: String { location.description }
}
