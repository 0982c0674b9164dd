/// The final state of one subject's clinical data after every transaction of the ODM file was
/// applied in document order (later values win; `Remove` deletes).
///
/// Events, forms, item groups and items keep the order in which they first appeared.
public struct ODMSubject: Sendable, Hashable {
    /// One data point.
    public struct Item: Sendable, Hashable {
        /// Shares one audit record between items without copying it into each.
        final class AuditBox: Sendable {
            let record: ODMAuditRecord
            init(_ record: ODMAuditRecord) { self.record = record }
        }

        /// ItemOID.
        public var oid: String
        /// The value, `nil` when `isNull`.
        public var value: String?
        /// `IsNull="Yes"`.
        public var isNull: Bool
        var auditBox: AuditBox?

        /// The AuditRecord of the last change (own, else inherited from the nearest ancestor).
        public var audit: ODMAuditRecord? {
            get { auditBox?.record }
            set { auditBox = newValue.map(AuditBox.init) }
        }

        /// Creates an item.
        public init(oid: String, value: String?, isNull: Bool = false, audit: ODMAuditRecord? = nil) {
            self.oid = oid
            self.value = value
            self.isNull = isNull
            self.auditBox = audit.map(AuditBox.init)
        }

        init(oid: String, value: String?, isNull: Bool, auditBox: AuditBox?) {
            self.oid = oid
            self.value = value
            self.isNull = isNull
            self.auditBox = auditBox
        }

        /// Equal when OID, value, null flag and audit record are equal.
        public static func == (a: Item, b: Item) -> Bool {
            a.oid == b.oid && a.value == b.value && a.isNull == b.isNull && a.audit == b.audit
        }

        /// Hashes OID, value, null flag and audit record.
        public func hash(into h: inout Hasher) {
            h.combine(oid); h.combine(value); h.combine(isNull); h.combine(audit)
        }
    }

    /// One ItemGroupData instance.
    public struct ItemGroup: Sendable, Hashable {
        /// ItemGroupOID.
        public var oid: String
        /// ItemGroupRepeatKey.
        public var repeatKey: String?
        /// Items in order of first appearance.
        public var items: [Item]
        /// The item with `oid`, if present.
        public func item(_ oid: String) -> Item? { items.first { $0.oid == oid } }
    }

    /// One FormData instance.
    public struct Form: Sendable, Hashable {
        /// FormOID.
        public var oid: String
        /// FormRepeatKey.
        public var repeatKey: String?
        /// Item groups in order of first appearance.
        public var itemGroups: [ItemGroup]
    }

    /// One StudyEventData instance.
    public struct Event: Sendable, Hashable {
        /// StudyEventOID.
        public var oid: String
        /// StudyEventRepeatKey.
        public var repeatKey: String?
        /// Forms in order of first appearance.
        public var forms: [Form]
    }

    /// SubjectKey.
    public var subjectKey: String
    /// `SiteRef/@LocationOID`, if given.
    public var siteOID: String?
    /// `ClinicalData/@MetaDataVersionOID` of the last block that touched this subject.
    public var metaDataVersionOID: String?
    /// Events in order of first appearance.
    public var events: [Event]

    /// Creates an empty subject.
    public init(subjectKey: String, siteOID: String? = nil, metaDataVersionOID: String? = nil, events: [Event] = []) {
        self.subjectKey = subjectKey
        self.siteOID = siteOID
        self.metaDataVersionOID = metaDataVersionOID
        self.events = events
    }

    /// ODM path of an element: `SubjectData[K]/StudyEventData[E]/FormData[F]/ItemGroupData[G,2]/ItemData[I]`;
    /// a repeat key is appended after a comma; pass `nil` to stop at a level.
    public static func path(subject: String, event: (String, String?)? = nil, form: (String, String?)? = nil,
                            itemGroup: (String, String?)? = nil, item: String? = nil) -> String {
        func seg(_ name: String, _ v: (String, String?)) -> String {
            v.1.map { "\(name)[\(v.0),\($0)]" } ?? "\(name)[\(v.0)]"
        }
        var s = "SubjectData[\(subject)]"
        if let event { s += "/" + seg("StudyEventData", event) }
        if let form { s += "/" + seg("FormData", form) }
        if let itemGroup { s += "/" + seg("ItemGroupData", itemGroup) }
        if let item { s += "/ItemData[\(item)]" }
        return s
    }
}
