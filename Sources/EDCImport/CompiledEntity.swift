/// An entity mapping prepared once per bind for reading records: its fields as shared
/// references (a record's reader then copies no `FieldMapping`), and its required fields.
final class CompiledEntity {
    /// One mapped field, shared by every record's reader.
    final class Field {
        /// The field's mapping.
        let mapping: FieldMapping
        /// Position in `EntityMapping.fields` (the CSV column slot).
        let slot: Int
        /// True when the model field is required.
        let required: Bool

        init(_ mapping: FieldMapping, slot: Int, required: Bool) {
            self.mapping = mapping
            self.slot = slot
            self.required = required
        }

        var field: String { mapping.field }
        var whenBlank: String? { mapping.whenBlank }
        var codes: CodeMap? { mapping.codes }
        var list: ListMapping? { mapping.list }
        var range: [Double]? { mapping.range }
        var odm: ODMKeySource? { mapping.odm }
        var dateFormat: EDCDateFormatName? { mapping.dateFormat }
    }

    /// The entity mapping.
    let mapping: EntityMapping
    /// Which entity.
    let kind: EntityKind
    /// Model field names, in `mapping.fields` order.
    private let names: [String]
    /// The fields, in `mapping.fields` order.
    private let fields: [Field]

    init(_ mapping: EntityMapping) {
        self.mapping = mapping
        kind = mapping.entity
        let required = Set(mapping.entity.modelFields.filter(\.required).map(\.name))
        names = mapping.fields.map(\.field)
        fields = mapping.fields.enumerated().map { i, f in Field(f, slot: i, required: required.contains(f.field)) }
    }

    /// The mapped field `name`, if mapped.
    @inline(__always)
    func field(_ name: String) -> Field? {
        let n = name.utf8.count   // cheap for the short names; most candidates differ in length
        for i in names.indices where names[i].utf8.count == n && names[i] == name { return fields[i] }
        return nil
    }
}
