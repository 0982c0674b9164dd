import CLibXML2
import Foundation
import TrialCore

/// The state machine behind `ODMReader`: one pass of `xmlTextReader` over the file.
final class ODMParser {
    /// Element local names the parser acts on.
    enum Tag: CaseIterable {
        case odm, study, measurementUnit, metaDataVersion, studyEventDef, formRef, formDef, itemGroupRef,
             itemGroupDef, itemRef, itemDef, codeListRef, measurementUnitRef, codeList, codeListItem,
             enumeratedItem, externalCodeList, decode, translatedText, clinicalData, subjectData, siteRef,
             studyEventData, formData, itemGroupData, itemData, auditRecord, userRef, locationRef,
             dateTimeStamp, reasonForChange, sourceID

        var name: String {
            switch self {
            case .odm: return "ODM"
            case .study: return "Study"
            case .measurementUnit: return "MeasurementUnit"
            case .metaDataVersion: return "MetaDataVersion"
            case .studyEventDef: return "StudyEventDef"
            case .formRef: return "FormRef"
            case .formDef: return "FormDef"
            case .itemGroupRef: return "ItemGroupRef"
            case .itemGroupDef: return "ItemGroupDef"
            case .itemRef: return "ItemRef"
            case .itemDef: return "ItemDef"
            case .codeListRef: return "CodeListRef"
            case .measurementUnitRef: return "MeasurementUnitRef"
            case .codeList: return "CodeList"
            case .codeListItem: return "CodeListItem"
            case .enumeratedItem: return "EnumeratedItem"
            case .externalCodeList: return "ExternalCodeList"
            case .decode: return "Decode"
            case .translatedText: return "TranslatedText"
            case .clinicalData: return "ClinicalData"
            case .subjectData: return "SubjectData"
            case .siteRef: return "SiteRef"
            case .studyEventData: return "StudyEventData"
            case .formData: return "FormData"
            case .itemGroupData: return "ItemGroupData"
            case .itemData: return "ItemData"
            case .auditRecord: return "AuditRecord"
            case .userRef: return "UserRef"
            case .locationRef: return "LocationRef"
            case .dateTimeStamp: return "DateTimeStamp"
            case .reasonForChange: return "ReasonForChange"
            case .sourceID: return "SourceID"
            }
        }
    }

    /// Attribute names the parser reads, most frequent first (lookup is a linear pointer scan).
    enum Attr: Int, CaseIterable {
        case itemOID, value, itemGroupOID, itemGroupRepeatKey, transactionType, isNull, formOID, formRepeatKey, studyEventOID, studyEventRepeatKey, subjectKey, oid, name, repeating, type, orderNumber, dataType, length, significantDigits, codeListOID, measurementUnitOID, codedValue, fileType, metaDataVersionOID, locationOID, userOID, editPoint

        var name: String {
            switch self {
            case .itemOID: return "ItemOID"
            case .value: return "Value"
            case .itemGroupOID: return "ItemGroupOID"
            case .itemGroupRepeatKey: return "ItemGroupRepeatKey"
            case .transactionType: return "TransactionType"
            case .isNull: return "IsNull"
            case .formOID: return "FormOID"
            case .formRepeatKey: return "FormRepeatKey"
            case .studyEventOID: return "StudyEventOID"
            case .studyEventRepeatKey: return "StudyEventRepeatKey"
            case .subjectKey: return "SubjectKey"
            case .oid: return "OID"
            case .name: return "Name"
            case .repeating: return "Repeating"
            case .type: return "Type"
            case .orderNumber: return "OrderNumber"
            case .dataType: return "DataType"
            case .length: return "Length"
            case .significantDigits: return "SignificantDigits"
            case .codeListOID: return "CodeListOID"
            case .measurementUnitOID: return "MeasurementUnitOID"
            case .codedValue: return "CodedValue"
            case .fileType: return "FileType"
            case .metaDataVersionOID: return "MetaDataVersionOID"
            case .locationOID: return "LocationOID"
            case .userOID: return "UserOID"
            case .editPoint: return "EditPoint"
            }
        }
    }

    /// What the checks need to know about one ItemOID within one item group.
    struct ItemInfo {
        var defined: Bool
        var inGroup: Bool
        var dataType: String
        var length: Int?
        var codeListOID: String?
        var codes: Set<String>?
        /// The last value that passed the checks (codes and dates repeat a lot).
        var lastGood: String?
    }

    /// Per-ItemGroupOID memo of `ItemInfo`, so each ItemData costs one hash lookup.
    final class GroupCache {
        let defined: Bool
        let refs: Set<String>
        @exclusivity(unchecked) var items: [String: ItemInfo] = [:]
        /// The ItemOIDs in the order the first instances had them, with their infos: most
        /// instances repeat that order, so the next expected OID is compared before hashing.
        @exclusivity(unchecked) var sequence: [(oid: String, info: ItemInfo)] = []
        @exclusivity(unchecked) var cursor = 0
        init(defined: Bool, refs: Set<String>) { self.defined = defined; self.refs = refs }
    }

    /// A subject being assembled; `exists` is false after a Remove.
    final class SubjectState {
        @exclusivity(unchecked) var subject: ODMSubject
        @exclusivity(unchecked) var exists = true
        init(_ key: String) { subject = ODMSubject(subjectKey: key) }
    }

    /// Collects libxml2's first error.
    final class ErrorBox {
        var message: String?
        var line = 0
        var column = 0
    }

    let file: String
    let repeatedKeys: Set<String>
    let checkValues: Bool
    var fileType: String?
    var mdvs: [ODMMetaData] = []
    var diagnostics: [Diagnostic] = []
    var suppressed = 0
    var delivered = 0
    var itemDataCount = 0

    @exclusivity(unchecked) private var reader: xmlTextReaderPtr?
    @exclusivity(unchecked) private var attrPtrs: [UnsafePointer<xmlChar>?] = []
    @exclusivity(unchecked) private var attrValues = [String?](repeating: nil, count: Attr.allCases.count)
    @exclusivity(unchecked) private var attrSet: [Int] = []
    @exclusivity(unchecked) private var tagPtrs: [(UnsafePointer<xmlChar>, Tag)] = []
    @exclusivity(unchecked) private var odmHref: UnsafePointer<xmlChar>?

    // Metadata state.
    @exclusivity(unchecked) private var studyOID = ""
    @exclusivity(unchecked) private var studyUnits: [String: ODMMetaData.MeasurementUnit] = [:]
    @exclusivity(unchecked) private var mdv: ODMMetaData?
    @exclusivity(unchecked) private var refs: [(oid: String, order: Int?)] = []
    @exclusivity(unchecked) private var seDef: ODMMetaData.StudyEventDef?
    @exclusivity(unchecked) private var formDef: ODMMetaData.FormDef?
    @exclusivity(unchecked) private var igDef: ODMMetaData.ItemGroupDef?
    @exclusivity(unchecked) private var itemDef: ODMMetaData.ItemDef?
    @exclusivity(unchecked) private var codeList: ODMMetaData.CodeList?
    @exclusivity(unchecked) private var codedValue: String?
    @exclusivity(unchecked) private var inDecode = false

    // Clinical state.
    @exclusivity(unchecked) private var clinicalMDV: ODMMetaData?
    @exclusivity(unchecked) private var groupCaches: [String: GroupCache] = [:]
    @exclusivity(unchecked) private var groupCache: GroupCache?
    /// Items of the open ItemGroupData, swapped out of the subject tree while it is open.
    @exclusivity(unchecked) private var curItems: [ODMSubject.Item] = []
    @exclusivity(unchecked) private var held: [String: SubjectState] = [:]
    @exclusivity(unchecked) private var heldOrder: [String] = []
    @exclusivity(unchecked) private var state: SubjectState?
    @exclusivity(unchecked) private var ei: Int?, fi: Int?, gi: Int?, ii: Int?
    @exclusivity(unchecked) private var ttSubject: ODMTransactionType?, ttEvent: ODMTransactionType?, ttForm: ODMTransactionType?,
                ttGroup: ODMTransactionType?
    @exclusivity(unchecked) private var auditSubject: ODMSubject.Item.AuditBox?, auditEvent: ODMSubject.Item.AuditBox?,
                auditForm: ODMSubject.Item.AuditBox?, auditGroup: ODMSubject.Item.AuditBox?
    @exclusivity(unchecked) private var audit: ODMAuditRecord?
    @exclusivity(unchecked) private var typedItem: (oid: String, tt: ODMTransactionType?, text: String)?

    // Text collection.
    private enum TextTarget { case none, dateTimeStamp, reasonForChange, sourceID, decode, typedItem }
    @exclusivity(unchecked) private var textTarget = TextTarget.none
    @exclusivity(unchecked) private var text = ""

    init(file: String, repeatedKeys: Set<String>, checkValues: Bool) {
        self.file = file
        self.repeatedKeys = repeatedKeys
        self.checkValues = checkValues
    }

    private func line() -> Int { reader.map { Int(xmlTextReaderGetParserLineNumber($0)) } ?? 0 }

    private func fail(_ message: String, value: String? = nil, expected: String? = nil) -> InputError {
        InputError(at: .text(file: file, line: line(), column: nil), message, value: value, expected: expected)
    }

    private func warn(_ path: String, _ message: String, value: String? = nil, expected: String? = nil) {
        guard diagnostics.count < ODMReader.diagnosticLimit else { suppressed += 1; return }
        diagnostics.append(Diagnostic(.warning, at: .odm(file: file, path: path), message, value: value, expected: expected))
    }

    /// Runs the parse.
    func run(onSubject: (ODMSubject, ODMMetaData?) -> Void) throws(InputError) {
        let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue) | Int32(XML_PARSE_COMPACT.rawValue)
        guard let r = xmlReaderForFile(file, nil, options) else {
            throw InputError(at: .file(file), "cannot open file for reading")
        }
        reader = r
        defer { xmlFreeTextReader(r); reader = nil }
        let box = ErrorBox()
        let boxPtr = Unmanaged.passUnretained(box).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(r, { ctx, err in
            guard let ctx, let err else { return }
            let box = Unmanaged<ODMParser.ErrorBox>.fromOpaque(ctx).takeUnretainedValue()
            guard box.message == nil, err.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            box.message = err.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "XML error"
            box.line = Int(err.pointee.line)
            box.column = Int(err.pointee.int2)
        }, boxPtr)
        attrPtrs = Attr.allCases.map { intern($0.name) }
        let frequent: [Tag] = [.itemData, .itemGroupData, .formData, .studyEventData, .subjectData, .auditRecord]
        tagPtrs = (frequent + Tag.allCases.filter { !frequent.contains($0) }).compactMap { t in intern(t.name).map { ($0, t) } }

        var ret = xmlTextReaderRead(r)
        while ret == 1 {
            var skip = false
            switch xmlTextReaderNodeType(r) {
            case 1:  // element
                let empty = xmlTextReaderIsEmptyElement(r) == 1
                let node = xmlTextReaderCurrentNode(r)
                if !inODMNamespace(node) {
                    skip = !empty  // vendor extension: ignore the subtree
                } else if let name = node?.pointee.name {
                    if let tag = tag(name) {
                        skip = try start(tag, empty: empty, onSubject: onSubject)
                        if empty && !skip { try end(tag, onSubject: onSubject) }
                    } else if strncmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "ItemData", 8) == 0 {
                        try startTypedItem(empty: empty)
                    }
                }
            case 15:  // end element
                let node = xmlTextReaderCurrentNode(r)
                if !inODMNamespace(node) { break }
                if let name = node?.pointee.name {
                    if let tag = tag(name) { try end(tag, onSubject: onSubject) }
                    else if typedItem != nil, strncmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "ItemData", 8) == 0 {
                        try endTypedItem()
                    }
                }
            case 3, 4, 14:  // text, CDATA, significant whitespace
                if textTarget != .none, let v = xmlTextReaderConstValue(r) { text += String(cString: v) }
            case 5:  // entity reference
                throw fail("entity reference in an ODM file", value: xmlTextReaderConstName(r).map { "&" + String(cString: $0) + ";" },
                           expected: "no entities (ODM files do not use DTD entities)")
            case 10:  // DOCTYPE
                throw InputError(at: .text(file: file, line: doctypeLine(), column: nil),
                           "ODM file has a DOCTYPE declaration; DTDs and entity declarations are refused (they carry entity-expansion and external-entity attacks)",
                           value: xmlTextReaderConstName(r).map { "<!DOCTYPE " + String(cString: $0) },
                           expected: "an ODM 1.3.2 document without DOCTYPE")
            default:
                break
            }
            ret = skip ? xmlTextReaderNext(r) : xmlTextReaderRead(r)
        }
        if ret < 0 || box.message != nil {
            let msg = box.message ?? "malformed XML"
            var diags = [Diagnostic(.error, at: .text(file: file, line: box.line > 0 ? box.line : line(), column: box.column > 0 ? box.column : nil),
                                    "malformed XML: \(msg)", expected: "a well-formed ODM 1.3.2 document")]
            if state != nil {
                diags.append(Diagnostic(.note, at: .odm(file: file, path: currentPath()),
                                        "the document stops inside this element (truncated file?)"))
            }
            throw InputError(diags)
        }
        for key in heldOrder {
            if let s = held[key], s.exists { onSubject(s.subject, mdv(for: s.subject.metaDataVersionOID)); delivered += 1 }
        }
    }

    /// Line of `<!DOCTYPE` (searched in the first 64 KiB), else the parser's line.
    private func doctypeLine() -> Int {
        guard let h = FileHandle(forReadingAtPath: file) else { return line() }
        defer { try? h.close() }
        let head = [UInt8](h.readData(ofLength: 65_536))
        let pat = Array("<!DOCTYPE".utf8)
        guard head.count >= pat.count else { return line() }
        var n = 1
        for i in 0...(head.count - pat.count) {
            if head[i] == 10 { n += 1 }
            if head[i] == pat[0], Array(head[i..<(i + pat.count)]) == pat { return n }
        }
        return line()
    }

    private func intern(_ s: String) -> UnsafePointer<xmlChar>? {
        guard let r = reader else { return nil }
        return s.withCString { xmlTextReaderConstString(r, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    /// The tag of an interned element name, if the parser acts on it.
    @inline(__always)
    private func tag(_ name: UnsafePointer<xmlChar>) -> Tag? {
        for (p, t) in tagPtrs where p == name { return t }
        return nil
    }

    /// True when `node` has no namespace or the ODM 1.3 namespace (reads the node's `ns`
    /// directly; the last matching `href` pointer is remembered).
    @inline(__always)
    private func inODMNamespace(_ node: xmlNodePtr?) -> Bool {
        guard let ns = node?.pointee.ns, let href = ns.pointee.href else { return true }
        if href == odmHref { return true }
        if strcmp(UnsafeRawPointer(href).assumingMemoryBound(to: CChar.self), ODMReader.namespace) == 0 {
            odmHref = href
            return true
        }
        return false
    }

    /// Reads the current element's unprefixed attributes that the parser knows into
    /// `attrValues`, walking the node's attribute list directly.
    private func attributes() {
        for i in attrSet { attrValues[i] = nil }
        attrSet.removeAll(keepingCapacity: true)
        guard let r = reader, let node = xmlTextReaderCurrentNode(r) else { return }
        var attr = node.pointee.properties
        while let a = attr {
            defer { attr = a.pointee.next }
            guard a.pointee.ns == nil, let n = a.pointee.name else { continue }
            var i = 0
            while i < attrPtrs.count, attrPtrs[i] != n { i += 1 }
            guard i < attrPtrs.count else { continue }
            let value: String
            if let t = a.pointee.children, t.pointee.next == nil, t.pointee.type == XML_TEXT_NODE, let c = t.pointee.content {
                value = String(cString: c)
            } else {
                var v = ""
                var child = a.pointee.children
                while let c = child {
                    if let t = c.pointee.content { v += String(cString: t) }
                    child = c.pointee.next
                }
                value = v
            }
            attrValues[i] = value
            attrSet.append(i)
        }
    }

    /// The value of attribute `a` read by the last `attributes()`.
    @inline(__always)
    private func at(_ a: Attr) -> String? { attrValues[a.rawValue] }

    private func transaction(inherited: ODMTransactionType?) throws(InputError) -> ODMTransactionType? {
        guard let raw = at(.transactionType) else { return inherited }
        guard let t = ODMTransactionType(rawValue: raw) else {
            throw fail("unknown TransactionType", value: raw, expected: "Insert, Update, Remove, Upsert or Context")
        }
        return t
    }

    private func mdv(for oid: String?) -> ODMMetaData? {
        if let oid, let m = mdvs.last(where: { $0.oid == oid }) { return m }
        return mdvs.count == 1 ? mdvs[0] : nil
    }

    // MARK: paths

    private func currentPath(item: String? = nil) -> String {
        guard let s = state?.subject else { return "" }
        let e = ei.map { s.events[$0] }
        let f = fi.flatMap { i in e.map { $0.forms[i] } }
        let g = gi.flatMap { i in f.map { $0.itemGroups[i] } }
        return ODMSubject.path(subject: s.subjectKey, event: e.map { ($0.oid, $0.repeatKey) },
                               form: f.map { ($0.oid, $0.repeatKey) }, itemGroup: g.map { ($0.oid, $0.repeatKey) }, item: item)
    }

    // MARK: start / end

    /// Handles an element start; returns true when its subtree must be skipped.
    private func start(_ tag: Tag, empty: Bool, onSubject: (ODMSubject, ODMMetaData?) -> Void) throws(InputError) -> Bool {
        switch tag {
        case .odm:
            fileType = { attributes(); return at(.fileType) }()
        case .study:
            studyOID = { attributes(); return at(.oid) }() ?? ""
            studyUnits = [:]
        case .measurementUnit:
            attributes()
            if let oid = at(.oid) {
                let u = ODMMetaData.MeasurementUnit(oid: oid, name: at(.name) ?? oid)
                if mdv != nil { mdv?.measurementUnits[oid] = u } else { studyUnits[oid] = u }
            }
        case .metaDataVersion:
            attributes()
            var m = ODMMetaData(studyOID: studyOID, oid: at(.oid) ?? "", name: at(.name) ?? "")
            m.measurementUnits = studyUnits
            mdv = m
        case .studyEventDef:
            attributes()
            seDef = .init(oid: at(.oid) ?? "", name: at(.name) ?? "", repeating: at(.repeating) == "Yes", type: at(.type), formOIDs: [])
            refs = []
        case .formDef:
            attributes()
            formDef = .init(oid: at(.oid) ?? "", name: at(.name) ?? "", repeating: at(.repeating) == "Yes", itemGroupOIDs: [])
            refs = []
        case .itemGroupDef:
            attributes()
            igDef = .init(oid: at(.oid) ?? "", name: at(.name) ?? "", repeating: at(.repeating) == "Yes", itemOIDs: [])
            refs = []
        case .formRef, .itemGroupRef, .itemRef:
            attributes()
            let key: Attr = tag == .formRef ? .formOID : tag == .itemGroupRef ? .itemGroupOID : .itemOID
            if let oid = at(key) { refs.append((oid, at(.orderNumber).flatMap { Int($0) })) }
        case .itemDef:
            attributes()
            itemDef = .init(oid: at(.oid) ?? "", name: at(.name) ?? "", dataType: at(.dataType) ?? "text",
                            length: at(.length).flatMap { Int($0) }, significantDigits: at(.significantDigits).flatMap { Int($0) },
                            codeListOID: nil, measurementUnitOIDs: [])
        case .codeListRef:
            if itemDef != nil { itemDef?.codeListOID = { attributes(); return at(.codeListOID) }() }
        case .measurementUnitRef:
            if itemDef != nil, let u = { attributes(); return at(.measurementUnitOID) }() { itemDef?.measurementUnitOIDs.append(u) }
        case .codeList:
            attributes()
            codeList = .init(oid: at(.oid) ?? "", name: at(.name) ?? "", dataType: at(.dataType) ?? "text",
                             codedValues: [], decodes: [:], isExternal: false)
        case .codeListItem, .enumeratedItem:
            if codeList != nil, let v = { attributes(); return at(.codedValue) }() { codeList?.codedValues.append(v); codedValue = v }
        case .externalCodeList:
            codeList?.isExternal = true
        case .decode:
            inDecode = codeList != nil
        case .translatedText:
            if inDecode, let c = codedValue, codeList?.decodes[c] == nil { textTarget = .decode; text = "" }
        case .clinicalData:
            let oid = { attributes(); return at(.metaDataVersionOID) }()
            clinicalMDV = mdv(for: oid)
            groupCaches = [:]
            if let oid, clinicalMDV == nil, !mdvs.isEmpty {
                warn("ClinicalData[\(oid)]", "ClinicalData names a MetaDataVersion not in the file; values are not checked", value: oid)
            }
        case .subjectData:
            attributes()
            guard let key = at(.subjectKey) else { throw fail("SubjectData without SubjectKey") }
            let tt = try transaction(inherited: nil)
            let s: SubjectState
            if repeatedKeys.contains(key) {
                if let h = held[key] { s = h } else { s = SubjectState(key); held[key] = s; heldOrder.append(key) }
            } else {
                s = SubjectState(key)
            }
            s.subject.metaDataVersionOID = clinicalMDV?.oid ?? s.subject.metaDataVersionOID
            state = s
            ttSubject = tt; auditSubject = nil
            ei = nil; fi = nil; gi = nil; ii = nil
            if tt == .remove {
                s.subject.events = []; s.subject.siteOID = nil; s.exists = false
                if !empty { return true }
                try end(.subjectData, onSubject: onSubject)
                return false
            }
            s.exists = true
        case .siteRef:
            if let s = state, ei == nil { s.subject.siteOID = { attributes(); return at(.locationOID) }() }
        case .studyEventData:
            guard let s = state else { throw fail("StudyEventData outside SubjectData") }
            attributes()
            guard let oid = at(.studyEventOID) else { throw fail("StudyEventData without StudyEventOID") }
            let rk = at(.studyEventRepeatKey)
            let tt = try transaction(inherited: ttSubject)
            let idx = s.subject.events.firstIndex { $0.oid == oid && $0.repeatKey == rk }
            if tt == .remove {
                if let idx { s.subject.events.remove(at: idx) }
                return !empty
            }
            if let m = clinicalMDV, m.studyEvents[oid] == nil {
                warn(ODMSubject.path(subject: s.subject.subjectKey, event: (oid, rk)), "StudyEventOID not defined in MetaDataVersion \(m.oid)", value: oid)
            }
            ei = idx ?? { s.subject.events.append(.init(oid: oid, repeatKey: rk, forms: [])); return s.subject.events.count - 1 }()
            ttEvent = tt; auditEvent = nil
        case .formData:
            guard let s = state, let e = ei else { throw fail("FormData outside StudyEventData") }
            attributes()
            guard let oid = at(.formOID) else { throw fail("FormData without FormOID") }
            let rk = at(.formRepeatKey)
            let tt = try transaction(inherited: ttEvent)
            let idx = s.subject.events[e].forms.firstIndex { $0.oid == oid && $0.repeatKey == rk }
            if tt == .remove {
                if let idx { s.subject.events[e].forms.remove(at: idx) }
                return !empty
            }
            if let m = clinicalMDV, m.forms[oid] == nil {
                warn(currentPath() + "/FormData[\(oid)\(rk.map { ",\($0)" } ?? "")]", "FormOID not defined in MetaDataVersion \(m.oid)", value: oid)
            }
            fi = idx ?? { s.subject.events[e].forms.append(.init(oid: oid, repeatKey: rk, itemGroups: [])); return s.subject.events[e].forms.count - 1 }()
            ttForm = tt; auditForm = nil
        case .itemGroupData:
            guard let s = state, let e = ei, let f = fi else { throw fail("ItemGroupData outside FormData") }
            attributes()
            guard let oid = at(.itemGroupOID) else { throw fail("ItemGroupData without ItemGroupOID") }
            let rk = at(.itemGroupRepeatKey)
            let tt = try transaction(inherited: ttForm)
            let idx = s.subject.events[e].forms[f].itemGroups.firstIndex { $0.oid == oid && $0.repeatKey == rk }
            if tt == .remove {
                if let idx { s.subject.events[e].forms[f].itemGroups.remove(at: idx) }
                return !empty
            }
            if let m = clinicalMDV, m.itemGroups[oid] == nil {
                warn(currentPath() + "/ItemGroupData[\(oid)\(rk.map { ",\($0)" } ?? "")]", "ItemGroupOID not defined in MetaDataVersion \(m.oid)", value: oid)
            }
            gi = idx ?? {
                s.subject.events[e].forms[f].itemGroups.append(.init(oid: oid, repeatKey: rk, items: []))
                return s.subject.events[e].forms[f].itemGroups.count - 1
            }()
            curItems.removeAll(keepingCapacity: true)
            swap(&curItems, &s.subject.events[e].forms[f].itemGroups[gi!].items)
            ttGroup = tt; auditGroup = nil
            if let m = clinicalMDV {
                if let c = groupCaches[oid] { groupCache = c; c.cursor = 0 } else {
                    let c = GroupCache(defined: m.itemGroups[oid] != nil, refs: Set(m.itemGroups[oid]?.itemOIDs ?? []))
                    groupCaches[oid] = c
                    groupCache = c
                }
            } else { groupCache = nil }
        case .itemData:
            attributes()
            guard let oid = at(.itemOID) else { throw fail("ItemData without ItemOID") }
            let tt = try transaction(inherited: ttGroup)
            let isNull = at(.isNull) == "Yes"
            if isNull, at(.value) != nil { warn(currentPath(item: oid), "ItemData has both IsNull=\"Yes\" and a Value; the value is ignored", value: at(.value)) }
            try setItem(oid, value: isNull ? nil : (at(.value) ?? ""), isNull: isNull, tt: tt)
            if tt == .remove { return !empty }
        case .auditRecord:
            audit = ODMAuditRecord(editPoint: { attributes(); return at(.editPoint) }())
        case .userRef:
            audit?.userOID = { attributes(); return at(.userOID) }()
        case .locationRef:
            if audit != nil { audit?.locationOID = { attributes(); return at(.locationOID) }() }
        case .dateTimeStamp:
            if audit != nil { textTarget = .dateTimeStamp; text = "" }
        case .reasonForChange:
            if audit != nil { textTarget = .reasonForChange; text = "" }
        case .sourceID:
            if audit != nil { textTarget = .sourceID; text = "" }
        }
        return false
    }

    private func end(_ tag: Tag, onSubject: (ODMSubject, ODMMetaData?) -> Void) throws(InputError) {
        switch tag {
        case .metaDataVersion:
            if let m = mdv { mdvs.append(m) }
            mdv = nil
        case .studyEventDef:
            if var d = seDef { d.formOIDs = ordered(refs); mdv?.studyEvents[d.oid] = d }
            seDef = nil
        case .formDef:
            if var d = formDef { d.itemGroupOIDs = ordered(refs); mdv?.forms[d.oid] = d }
            formDef = nil
        case .itemGroupDef:
            if var d = igDef {
                d.itemOIDs = ordered(refs)
                if mdv?.itemGroups[d.oid] == nil { mdv?.itemGroupOrder.append(d.oid) }
                mdv?.itemGroups[d.oid] = d
            }
            igDef = nil
        case .itemDef:
            if let d = itemDef { mdv?.items[d.oid] = d }
            itemDef = nil
        case .codeList:
            if let c = codeList { mdv?.codeLists[c.oid] = c }
            codeList = nil
        case .codeListItem, .enumeratedItem:
            codedValue = nil
        case .decode:
            inDecode = false
        case .translatedText:
            if textTarget == .decode, let c = codedValue { codeList?.decodes[c] = text; textTarget = .none }
        case .clinicalData:
            clinicalMDV = nil
        case .subjectData:
            if let s = state, !repeatedKeys.contains(s.subject.subjectKey), s.exists {
                onSubject(s.subject, clinicalMDV ?? mdv(for: s.subject.metaDataVersionOID))
                delivered += 1
            }
            state = nil; ei = nil; fi = nil; gi = nil; ii = nil
        case .studyEventData:
            ei = nil; fi = nil; gi = nil
        case .formData:
            fi = nil; gi = nil
        case .itemGroupData:
            if let s = state, let e = ei, let f = fi, let g = gi {
                swap(&curItems, &s.subject.events[e].forms[f].itemGroups[g].items)
            }
            gi = nil
        case .itemData:
            ii = nil
        case .auditRecord:
            if let rec = audit {
                let box = ODMSubject.Item.AuditBox(rec)
                if gi != nil, let i = ii {
                    curItems[i].auditBox = box
                } else if gi != nil { auditGroup = box }
                else if fi != nil { auditForm = box }
                else if ei != nil { auditEvent = box }
                else if state != nil { auditSubject = box }
            }
            audit = nil
        case .dateTimeStamp:
            if textTarget == .dateTimeStamp { audit?.dateTimeStamp = text; textTarget = .none }
        case .reasonForChange:
            if textTarget == .reasonForChange { audit?.reasonForChange = text; textTarget = .none }
        case .sourceID:
            if textTarget == .sourceID { audit?.sourceID = text; textTarget = .none }
        default:
            break
        }
    }

    /// Refs sorted by OrderNumber (those without one after, in document order).
    private func ordered(_ refs: [(oid: String, order: Int?)]) -> [String] {
        refs.enumerated().sorted { a, b in
            switch (a.element.order, b.element.order) {
            case let (x?, y?): return x != y ? x < y : a.offset < b.offset
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element.oid)
    }

    /// Applies one ItemData: Remove deletes, anything else sets the value (later wins).
    private func setItem(_ oid: String, value: String?, isNull: Bool, tt: ODMTransactionType?) throws(InputError) {
        guard state != nil, ei != nil, fi != nil, gi != nil else { throw fail("ItemData outside ItemGroupData", value: oid) }
        itemDataCount += 1
        var idx: Int? = nil
        for k in curItems.indices where curItems[k].oid == oid { idx = k; break }
        if tt == .remove {
            if let idx { curItems.remove(at: idx) }
            ii = nil
            return
        }
        if let c = groupCache { check(oid, value: value, cache: c) }
        let inherited = auditGroup ?? auditForm ?? auditEvent ?? auditSubject
        let item = ODMSubject.Item(oid: oid, value: value, isNull: isNull, auditBox: inherited)
        if let idx {
            curItems[idx] = item
            ii = idx
        } else {
            curItems.append(item)
            ii = curItems.count - 1
        }
    }

    private func check(_ oid: String, value: String?, cache c: GroupCache) {
        let info: ItemInfo
        var seqIndex: Int? = nil
        if c.cursor < c.sequence.count, c.sequence[c.cursor].oid == oid {
            info = c.sequence[c.cursor].info
            seqIndex = c.cursor
            c.cursor += 1
        } else if let known = c.items[oid] {
            info = known
            if c.cursor == c.sequence.count, c.sequence.count < 500 { c.sequence.append((oid, known)); c.cursor += 1 }
            else if let k = c.sequence[c.cursor...].firstIndex(where: { $0.oid == oid }) { c.cursor = k + 1 }  // skipped items: resync
        } else {
            let def = clinicalMDV?.items[oid]
            let cl = def?.codeListOID.flatMap { clinicalMDV?.codeLists[$0] }
            info = ItemInfo(defined: def != nil, inGroup: c.refs.contains(oid), dataType: def?.dataType ?? "text", length: def?.length,
                            codeListOID: def?.codeListOID, codes: cl.flatMap { $0.isExternal ? nil : Set($0.codedValues) })
            c.items[oid] = info
            if c.cursor == c.sequence.count, c.sequence.count < 500 { c.sequence.append((oid, info)); c.cursor += 1 }
        }
        guard info.defined else {
            warn(currentPath(item: oid), "ItemOID not defined in MetaDataVersion \(clinicalMDV?.oid ?? "")", value: oid)
            return
        }
        if c.defined, !info.inGroup, let g = gi.flatMap({ i in state.map { s in s.subject.events[ei!].forms[fi!].itemGroups[i].oid } }) {
            warn(currentPath(item: oid), "ItemOID not referenced by ItemGroupDef \(g)", value: oid)
        }
        guard checkValues, let value else { return }
        if let last = info.lastGood, last == value { return }
        if let problem = ODMValueCheck.check(value, dataType: info.dataType, length: info.length) {
            warn(currentPath(item: oid), problem.message, value: value, expected: problem.expected)
        } else if let codes = info.codes, !codes.contains(value), let clOID = info.codeListOID,
                  let cl = clinicalMDV?.codeLists[clOID] {
            warn(currentPath(item: oid), "value not in CodeList \(clOID)", value: value, expected: ODMMetaData.oneOf(cl.codedValues))
        } else if let k = seqIndex {
            c.sequence[k].info.lastGood = value
        }
    }

    private func startTypedItem(empty: Bool) throws(InputError) {
        attributes()
        guard let oid = at(.itemOID) else { throw fail("ItemData without ItemOID") }
        let tt = try transaction(inherited: ttGroup)
        if empty || at(.isNull) == "Yes" || tt == .remove {
            try setItem(oid, value: tt == .remove ? nil : (at(.isNull) == "Yes" ? nil : ""), isNull: at(.isNull) == "Yes", tt: tt)
            if !empty { typedItem = nil }
            return
        }
        typedItem = (oid, tt, "")
        textTarget = .typedItem
        text = ""
    }

    private func endTypedItem() throws(InputError) {
        guard let t = typedItem else { return }
        typedItem = nil
        textTarget = .none
        try setItem(t.oid, value: text, isNull: false, tt: t.tt)
        ii = nil
    }
}
