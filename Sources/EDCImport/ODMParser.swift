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

    /// A subject being assembled; `exists` is false after a Remove.
    final class SubjectState {
        var subject: ODMSubject
        var exists = true
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

    private var reader: xmlTextReaderPtr?
    private var tags: [UnsafePointer<xmlChar>: Tag] = [:]
    private var attrNames: [UnsafePointer<xmlChar>: String] = [:]
    private var odmNamespace: UnsafePointer<xmlChar>?

    // Metadata state.
    private var studyOID = ""
    private var studyUnits: [String: ODMMetaData.MeasurementUnit] = [:]
    private var mdv: ODMMetaData?
    private var refs: [(oid: String, order: Int?)] = []
    private var seDef: ODMMetaData.StudyEventDef?
    private var formDef: ODMMetaData.FormDef?
    private var igDef: ODMMetaData.ItemGroupDef?
    private var itemDef: ODMMetaData.ItemDef?
    private var codeList: ODMMetaData.CodeList?
    private var codedValue: String?
    private var inDecode = false

    // Clinical state.
    private var clinicalMDV: ODMMetaData?
    private var groupItemSets: [String: Set<String>] = [:]
    private var held: [String: SubjectState] = [:]
    private var heldOrder: [String] = []
    private var state: SubjectState?
    private var ei: Int?, fi: Int?, gi: Int?, ii: Int?
    private var ttSubject: ODMTransactionType?, ttEvent: ODMTransactionType?, ttForm: ODMTransactionType?,
                ttGroup: ODMTransactionType?
    private var auditSubject: ODMAuditRecord?, auditEvent: ODMAuditRecord?, auditForm: ODMAuditRecord?,
                auditGroup: ODMAuditRecord?
    private var audit: ODMAuditRecord?
    private var typedItem: (oid: String, tt: ODMTransactionType?, text: String)?

    // Text collection.
    private enum TextTarget { case none, dateTimeStamp, reasonForChange, sourceID, decode, typedItem }
    private var textTarget = TextTarget.none
    private var text = ""

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
        for t in Tag.allCases {
            if let p = intern(t.name) { tags[p] = t }
        }
        for a in ["OID", "Name", "Repeating", "Type", "FormOID", "ItemGroupOID", "ItemOID", "OrderNumber", "DataType",
                  "Length", "SignificantDigits", "CodeListOID", "MeasurementUnitOID", "CodedValue", "FileType",
                  "MetaDataVersionOID", "SubjectKey", "LocationOID", "StudyEventOID", "StudyEventRepeatKey",
                  "FormRepeatKey", "ItemGroupRepeatKey", "TransactionType", "Value", "IsNull", "UserOID", "EditPoint"] {
            if let p = intern(a) { attrNames[p] = a }
        }
        odmNamespace = intern(ODMReader.namespace)

        var ret = xmlTextReaderRead(r)
        while ret == 1 {
            var skip = false
            switch xmlTextReaderNodeType(r) {
            case 1:  // element
                let empty = xmlTextReaderIsEmptyElement(r) == 1
                if let ns = xmlTextReaderConstNamespaceUri(r), ns != odmNamespace {
                    skip = !empty  // vendor extension: ignore the subtree
                } else if let name = xmlTextReaderConstLocalName(r) {
                    if let tag = tags[name] {
                        skip = try start(tag, empty: empty, onSubject: onSubject)
                        if empty && !skip { try end(tag, onSubject: onSubject) }
                    } else if strncmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "ItemData", 8) == 0 {
                        try startTypedItem(empty: empty)
                    }
                }
            case 15:  // end element
                if let ns = xmlTextReaderConstNamespaceUri(r), ns != odmNamespace { break }
                if let name = xmlTextReaderConstLocalName(r) {
                    if let tag = tags[name] { try end(tag, onSubject: onSubject) }
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

    /// The attributes of the current element that the parser knows, by name.
    private func attributes() -> [String: String] {
        guard let r = reader else { return [:] }
        var out: [String: String] = [:]
        if xmlTextReaderMoveToFirstAttribute(r) == 1 {
            repeat {
                if xmlTextReaderConstNamespaceUri(r) == nil, let n = xmlTextReaderConstLocalName(r), let name = attrNames[n],
                   let v = xmlTextReaderConstValue(r) {
                    out[name] = String(cString: v)
                }
            } while xmlTextReaderMoveToNextAttribute(r) == 1
            xmlTextReaderMoveToElement(r)
        }
        return out
    }

    private func transaction(_ a: [String: String], inherited: ODMTransactionType?) throws(InputError) -> ODMTransactionType? {
        guard let raw = a["TransactionType"] else { return inherited }
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
            fileType = attributes()["FileType"]
        case .study:
            studyOID = attributes()["OID"] ?? ""
            studyUnits = [:]
        case .measurementUnit:
            let a = attributes()
            if let oid = a["OID"] {
                let u = ODMMetaData.MeasurementUnit(oid: oid, name: a["Name"] ?? oid)
                if mdv != nil { mdv?.measurementUnits[oid] = u } else { studyUnits[oid] = u }
            }
        case .metaDataVersion:
            let a = attributes()
            var m = ODMMetaData(studyOID: studyOID, oid: a["OID"] ?? "", name: a["Name"] ?? "")
            m.measurementUnits = studyUnits
            mdv = m
        case .studyEventDef:
            let a = attributes()
            seDef = .init(oid: a["OID"] ?? "", name: a["Name"] ?? "", repeating: a["Repeating"] == "Yes", type: a["Type"], formOIDs: [])
            refs = []
        case .formDef:
            let a = attributes()
            formDef = .init(oid: a["OID"] ?? "", name: a["Name"] ?? "", repeating: a["Repeating"] == "Yes", itemGroupOIDs: [])
            refs = []
        case .itemGroupDef:
            let a = attributes()
            igDef = .init(oid: a["OID"] ?? "", name: a["Name"] ?? "", repeating: a["Repeating"] == "Yes", itemOIDs: [])
            refs = []
        case .formRef, .itemGroupRef, .itemRef:
            let a = attributes()
            let key = tag == .formRef ? "FormOID" : tag == .itemGroupRef ? "ItemGroupOID" : "ItemOID"
            if let oid = a[key] { refs.append((oid, a["OrderNumber"].flatMap { Int($0) })) }
        case .itemDef:
            let a = attributes()
            itemDef = .init(oid: a["OID"] ?? "", name: a["Name"] ?? "", dataType: a["DataType"] ?? "text",
                            length: a["Length"].flatMap { Int($0) }, significantDigits: a["SignificantDigits"].flatMap { Int($0) },
                            codeListOID: nil, measurementUnitOIDs: [])
        case .codeListRef:
            if itemDef != nil { itemDef?.codeListOID = attributes()["CodeListOID"] }
        case .measurementUnitRef:
            if itemDef != nil, let u = attributes()["MeasurementUnitOID"] { itemDef?.measurementUnitOIDs.append(u) }
        case .codeList:
            let a = attributes()
            codeList = .init(oid: a["OID"] ?? "", name: a["Name"] ?? "", dataType: a["DataType"] ?? "text",
                             codedValues: [], decodes: [:], isExternal: false)
        case .codeListItem, .enumeratedItem:
            if codeList != nil, let v = attributes()["CodedValue"] { codeList?.codedValues.append(v); codedValue = v }
        case .externalCodeList:
            codeList?.isExternal = true
        case .decode:
            inDecode = codeList != nil
        case .translatedText:
            if inDecode, let c = codedValue, codeList?.decodes[c] == nil { textTarget = .decode; text = "" }
        case .clinicalData:
            let oid = attributes()["MetaDataVersionOID"]
            clinicalMDV = mdv(for: oid)
            if let oid, clinicalMDV == nil, !mdvs.isEmpty {
                warn("ClinicalData[\(oid)]", "ClinicalData names a MetaDataVersion not in the file; values are not checked", value: oid)
            }
        case .subjectData:
            let a = attributes()
            guard let key = a["SubjectKey"] else { throw fail("SubjectData without SubjectKey") }
            let tt = try transaction(a, inherited: nil)
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
            if let s = state, ei == nil { s.subject.siteOID = attributes()["LocationOID"] }
        case .studyEventData:
            guard let s = state else { throw fail("StudyEventData outside SubjectData") }
            let a = attributes()
            guard let oid = a["StudyEventOID"] else { throw fail("StudyEventData without StudyEventOID") }
            let rk = a["StudyEventRepeatKey"]
            let tt = try transaction(a, inherited: ttSubject)
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
            let a = attributes()
            guard let oid = a["FormOID"] else { throw fail("FormData without FormOID") }
            let rk = a["FormRepeatKey"]
            let tt = try transaction(a, inherited: ttEvent)
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
            let a = attributes()
            guard let oid = a["ItemGroupOID"] else { throw fail("ItemGroupData without ItemGroupOID") }
            let rk = a["ItemGroupRepeatKey"]
            let tt = try transaction(a, inherited: ttForm)
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
            ttGroup = tt; auditGroup = nil
        case .itemData:
            let a = attributes()
            guard let oid = a["ItemOID"] else { throw fail("ItemData without ItemOID") }
            let tt = try transaction(a, inherited: ttGroup)
            let isNull = a["IsNull"] == "Yes"
            if isNull, a["Value"] != nil { warn(currentPath(item: oid), "ItemData has both IsNull=\"Yes\" and a Value; the value is ignored", value: a["Value"]) }
            try setItem(oid, value: isNull ? nil : (a["Value"] ?? ""), isNull: isNull, tt: tt)
            if tt == .remove { return !empty }
        case .auditRecord:
            audit = ODMAuditRecord(editPoint: attributes()["EditPoint"])
        case .userRef:
            audit?.userOID = attributes()["UserOID"]
        case .locationRef:
            if audit != nil { audit?.locationOID = attributes()["LocationOID"] }
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
            gi = nil
        case .itemData:
            ii = nil
        case .auditRecord:
            if let rec = audit {
                if let s = state, let e = ei, let f = fi, let g = gi, let i = ii {
                    s.subject.events[e].forms[f].itemGroups[g].items[i].audit = rec
                } else if gi != nil { auditGroup = rec }
                else if fi != nil { auditForm = rec }
                else if ei != nil { auditEvent = rec }
                else if state != nil { auditSubject = rec }
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
        guard let s = state, let e = ei, let f = fi, let g = gi else { throw fail("ItemData outside ItemGroupData", value: oid) }
        itemDataCount += 1
        let idx = s.subject.events[e].forms[f].itemGroups[g].items.firstIndex { $0.oid == oid }
        if tt == .remove {
            if let idx { s.subject.events[e].forms[f].itemGroups[g].items.remove(at: idx) }
            ii = nil
            return
        }
        if let m = clinicalMDV { check(oid, value: value, metadata: m, groupOID: s.subject.events[e].forms[f].itemGroups[g].oid) }
        let inherited = auditGroup ?? auditForm ?? auditEvent ?? auditSubject
        let item = ODMSubject.Item(oid: oid, value: value, isNull: isNull, audit: inherited)
        if let idx {
            s.subject.events[e].forms[f].itemGroups[g].items[idx] = item
            ii = idx
        } else {
            s.subject.events[e].forms[f].itemGroups[g].items.append(item)
            ii = s.subject.events[e].forms[f].itemGroups[g].items.count - 1
        }
    }

    private func check(_ oid: String, value: String?, metadata m: ODMMetaData, groupOID: String) {
        guard m.items[oid] != nil else {
            warn(currentPath(item: oid), "ItemOID not defined in MetaDataVersion \(m.oid)", value: oid)
            return
        }
        if let g = m.itemGroups[groupOID] {
            let set: Set<String>
            if let cached = groupItemSets[groupOID] { set = cached } else { set = Set(g.itemOIDs); groupItemSets[groupOID] = set }
            if !set.contains(oid) { warn(currentPath(item: oid), "ItemOID not referenced by ItemGroupDef \(groupOID)", value: oid) }
        }
        if checkValues, let value, let problem = m.check(value, itemOID: oid) {
            warn(currentPath(item: oid), problem.message, value: value, expected: problem.expected)
        }
    }

    private func startTypedItem(empty: Bool) throws(InputError) {
        let a = attributes()
        guard let oid = a["ItemOID"] else { throw fail("ItemData without ItemOID") }
        let tt = try transaction(a, inherited: ttGroup)
        if empty || a["IsNull"] == "Yes" || tt == .remove {
            try setItem(oid, value: tt == .remove ? nil : (a["IsNull"] == "Yes" ? nil : ""), isNull: a["IsNull"] == "Yes", tt: tt)
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
