/// How one model entity is fed: its CSV file, its ODM item group, its key and its fields.
///
/// YAML, one entry of `entities`:
/// ```yaml
/// - entity: adverseEvents
///   csv: ae.csv
///   odm: {studyEventOID: SE.COMMON, formOID: F.AE, itemGroupOID: IG.AE, repeating: true}
///   key: [subjectID, number]
///   fields: [...]
/// ```
public struct EntityMapping: Sendable, Hashable, Codable {
    /// Which entity.
    public var entity: EntityKind
    /// CSV file name inside the export folder, e.g. `ae.csv`.
    public var csv: String
    /// ODM location of the records.
    public var odm: ODMSource
    /// Model fields that identify a record; a second record with the same key is rejected.
    public var key: [String]
    /// Field mappings in column order (CSV writers use this order; ODM writers the ItemRef order).
    public var fields: [FieldMapping]

    /// Creates an entity mapping.
    public init(entity: EntityKind, csv: String, odm: ODMSource, key: [String], fields: [FieldMapping]) {
        self.entity = entity
        self.csv = csv
        self.odm = odm
        self.key = key
        self.fields = fields
    }

    /// The mapping of model field `name`, if mapped.
    public func field(_ name: String) -> FieldMapping? { fields.first { $0.field == name } }

    /// CSV columns this entity reads, in order (list fields contribute all their columns).
    public var csvColumns: [String] {
        fields.flatMap { f -> [String] in f.list?.columns ?? (f.column.map { [$0] } ?? []) }
    }

    /// ODM ItemOIDs this entity reads, in order.
    public var odmItems: [String] {
        fields.flatMap { f -> [String] in f.list?.items ?? (f.item.map { [$0] } ?? []) }
    }
}
