import Foundation
import TrialCore

/// The reconciliation of one bind: per entity how many source records were read, bound and
/// rejected (read = bound + rejected, always), every rejection, and warnings.
///
/// Encodes to the JSON `trialdata import --format json` prints:
/// `{"study", "source", "entities": {"subjects": {"read", "bound", "rejected"}, …}, "total": {…},
/// "rejections": [{"entity", "location", "reason", "value", "expected"}], "warnings": […]}`.
public struct BindReport: Sendable, Hashable, Encodable {
    /// Record counts of one entity (or the total).
    public struct Count: Sendable, Hashable, Codable {
        /// Source records seen (CSV rows, ODM ItemGroupData instances after transactions).
        public var read: Int
        /// Records that became model records.
        public var bound: Int
        /// Records rejected.
        public var rejected: Int

        /// Creates counts.
        public init(read: Int = 0, bound: Int = 0, rejected: Int = 0) {
            self.read = read
            self.bound = bound
            self.rejected = rejected
        }
    }

    /// Study id.
    public var study: String
    /// `csv` or `odm`.
    public var source: String
    /// Counts per entity, in `EntityKind` order (every entity of the mapping).
    public var counts: [(entity: EntityKind, count: Count)]
    /// Every rejection, in source order per entity.
    public var rejections: [Rejection]
    /// Warnings (ODM DataType/CodeList findings, item groups that no entity maps, …).
    public var warnings: [Diagnostic]

    /// Creates a report.
    public init(study: String, source: String, counts: [(entity: EntityKind, count: Count)], rejections: [Rejection], warnings: [Diagnostic]) {
        self.study = study
        self.source = source
        self.counts = counts
        self.rejections = rejections
        self.warnings = warnings
    }

    /// Sum over entities.
    public var total: Count {
        counts.reduce(Count()) { Count(read: $0.read + $1.count.read, bound: $0.bound + $1.count.bound, rejected: $0.rejected + $1.count.rejected) }
    }

    /// The counts of `entity` (zeros when not mapped).
    public func count(_ entity: EntityKind) -> Count { counts.first { $0.entity == entity }?.count ?? Count() }

    /// Equal when every field is equal.
    public static func == (a: BindReport, b: BindReport) -> Bool {
        a.study == b.study && a.source == b.source && a.counts.map(\.entity) == b.counts.map(\.entity)
            && a.counts.map(\.count) == b.counts.map(\.count) && a.rejections == b.rejections && a.warnings == b.warnings
    }

    /// Hashes the fields.
    public func hash(into h: inout Hasher) {
        h.combine(study); h.combine(source); h.combine(counts.map(\.entity)); h.combine(counts.map(\.count))
        h.combine(rejections); h.combine(warnings)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct WarningJSON: Encodable {
        var location: String
        var message: String
        var value: String?
        var expected: String?
    }

    /// Encodes the JSON shape described on the type.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(study, forKey: Key("study"))
        try c.encode(source, forKey: Key("source"))
        var e = c.nestedContainer(keyedBy: Key.self, forKey: Key("entities"))
        for (entity, count) in counts { try e.encode(count, forKey: Key(entity.rawValue)) }
        try c.encode(total, forKey: Key("total"))
        try c.encode(rejections, forKey: Key("rejections"))
        try c.encode(warnings.map { WarningJSON(location: $0.location.description, message: $0.message, value: $0.value, expected: $0.expected) },
                     forKey: Key("warnings"))
    }
}

extension BindReport {
    /// The report as pretty-printed JSON with keys in a fixed order (study, source, entities in
    /// `EntityKind` order, total, rejections, warnings): same input, same bytes.
    public func json() -> String {
        func str(_ s: String) -> String { TextEscaping.jsonString(s) }
        func count(_ c: Count) -> String { "{\"read\": \(c.read), \"bound\": \(c.bound), \"rejected\": \(c.rejected)}" }
        func entry(_ pairs: [(String, String?)]) -> String {
            "{" + pairs.compactMap { k, v in v.map { "\(str(k)): \(str($0))" } }.joined(separator: ", ") + "}"
        }
        var lines = ["{", "  \"study\": \(str(study)),", "  \"source\": \(str(source)),", "  \"entities\": {"]
        lines += counts.enumerated().map { i, c in "    \(str(c.entity.rawValue)): \(count(c.count))" + (i < counts.count - 1 ? "," : "") }
        lines.append("  },")
        lines.append("  \"total\": \(count(total)),")
        lines.append("  \"rejections\": [" + (rejections.isEmpty ? "]," : ""))
        if !rejections.isEmpty {
            lines += rejections.enumerated().map { i, r in
                "    " + entry([("entity", r.entity.rawValue), ("location", r.location.description), ("reason", r.reason),
                               ("value", r.value), ("expected", r.expected)]) + (i < rejections.count - 1 ? "," : "")
            }
            lines.append("  ],")
        }
        lines.append("  \"warnings\": [" + (warnings.isEmpty ? "]" : ""))
        if !warnings.isEmpty {
            lines += warnings.enumerated().map { i, w in
                "    " + entry([("severity", w.severity.rawValue), ("location", w.location.description), ("message", w.message),
                               ("value", w.value), ("expected", w.expected)]) + (i < warnings.count - 1 ? "," : "")
            }
            lines.append("  ]")
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
