/// One ODM `MetaDataVersion` (with the study's `BasicDefinitions` units): the definitions the
/// reader checks ClinicalData against and the flattener takes column order from.
public struct ODMMetaData: Sendable, Hashable {
    /// `StudyEventDef`.
    public struct StudyEventDef: Sendable, Hashable {
        /// OID.
        public var oid: String
        /// Name.
        public var name: String
        /// `Repeating="Yes"`.
        public var repeating: Bool
        /// `Scheduled`, `Unscheduled` or `Common`.
        public var type: String?
        /// FormOIDs referenced, in OrderNumber (else document) order.
        public var formOIDs: [String]
    }

    /// `FormDef`.
    public struct FormDef: Sendable, Hashable {
        /// OID.
        public var oid: String
        /// Name.
        public var name: String
        /// `Repeating="Yes"`.
        public var repeating: Bool
        /// ItemGroupOIDs referenced, in OrderNumber (else document) order.
        public var itemGroupOIDs: [String]
    }

    /// `ItemGroupDef`.
    public struct ItemGroupDef: Sendable, Hashable {
        /// OID.
        public var oid: String
        /// Name.
        public var name: String
        /// `Repeating="Yes"`.
        public var repeating: Bool
        /// ItemOIDs referenced, in ItemRef OrderNumber order (document order where absent or tied).
        public var itemOIDs: [String]
    }

    /// `ItemDef`.
    public struct ItemDef: Sendable, Hashable {
        /// OID.
        public var oid: String
        /// Name.
        public var name: String
        /// ODM DataType (`text`, `integer`, `float`, `date`, `partialDate`, …).
        public var dataType: String
        /// `Length`: characters for text, digits for integer/float.
        public var length: Int?
        /// `SignificantDigits` (digits after the decimal point, floats).
        public var significantDigits: Int?
        /// `CodeListRef/@CodeListOID`.
        public var codeListOID: String?
        /// `MeasurementUnitRef/@MeasurementUnitOID`s.
        public var measurementUnitOIDs: [String]
    }

    /// `CodeList`.
    public struct CodeList: Sendable, Hashable {
        /// OID.
        public var oid: String
        /// Name.
        public var name: String
        /// `integer`, `float`, `text` or `string`.
        public var dataType: String
        /// CodedValues of CodeListItem / EnumeratedItem, in document order.
        public var codedValues: [String]
        /// Decodes (`Decode/TranslatedText`) by CodedValue, where given.
        public var decodes: [String: String]
        /// True for an `ExternalCodeList` (membership is not checked).
        public var isExternal: Bool
    }

    /// `MeasurementUnit` from `BasicDefinitions`.
    public struct MeasurementUnit: Sendable, Hashable {
        /// OID.
        public var oid: String
        /// Name (symbol), e.g. `mm`.
        public var name: String
    }

    /// `Study/@OID`.
    public var studyOID: String
    /// `MetaDataVersion/@OID`.
    public var oid: String
    /// `MetaDataVersion/@Name`.
    public var name: String
    /// Study events by OID.
    public var studyEvents: [String: StudyEventDef] = [:]
    /// Forms by OID.
    public var forms: [String: FormDef] = [:]
    /// Item groups by OID.
    public var itemGroups: [String: ItemGroupDef] = [:]
    /// Items by OID.
    public var items: [String: ItemDef] = [:]
    /// Code lists by OID.
    public var codeLists: [String: CodeList] = [:]
    /// Measurement units by OID.
    public var measurementUnits: [String: MeasurementUnit] = [:]
    /// Order in which item groups were defined (for stable output order).
    public var itemGroupOrder: [String] = []

    /// Creates an empty metadata version.
    public init(studyOID: String, oid: String, name: String) {
        self.studyOID = studyOID
        self.oid = oid
        self.name = name
    }

    /// Checks `value` against the ItemDef of `itemOID`: its DataType, Length and CodeList.
    /// Returns `(message, expected)` for a violation, `nil` when the value conforms or the item
    /// is not defined (unknown OIDs are reported separately).
    public func check(_ value: String, itemOID: String) -> (message: String, expected: String)? {
        guard let def = items[itemOID] else { return nil }
        if let problem = ODMValueCheck.check(value, dataType: def.dataType, length: def.length) { return problem }
        if let clOID = def.codeListOID, let cl = codeLists[clOID], !cl.isExternal, !cl.codedValues.contains(value) {
            return ("value not in CodeList \(clOID)", Self.oneOf(cl.codedValues))
        }
        return nil
    }

    /// `one of A, B, C` (at most 12 values, then `…`).
    static func oneOf(_ values: [String]) -> String {
        "one of " + values.prefix(12).joined(separator: ", ") + (values.count > 12 ? ", …" : "")
    }
}
