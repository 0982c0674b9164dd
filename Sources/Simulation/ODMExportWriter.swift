import EDCImport
import Foundation
import StudyModel
import TrialCore

/// Writes a study as a CDISC ODM 1.3.2 transactional export: AdminData (sites, users), a full
/// MetaDataVersion (study events, forms, item groups, items with DataType/Length, code lists,
/// units) and ClinicalData with repeat keys and audit records, all derived from the study
/// mapping so the file binds back through it.
///
/// Two pieces of export realism are added deterministically: one QLQ-C30 form entered late
/// (its FormData carries an AuditRecord months after the visit) and one AE grade entered wrong
/// and corrected later (a second ItemGroupData with `TransactionType="Upsert"` and an
/// AuditRecord with the reason). Both are reported in `ODMExportSummary`.
///
/// ```swift
/// let summary = try ODMExportWriter(mapping: mapping).write(study.data, to: "out/export/odm/crlm.xml")
/// ```
public struct ODMExportWriter: Sendable {
    /// The study mapping the export must bind back through.
    public var mapping: StudyMapping

    /// A writer for `mapping`.
    public init(mapping: StudyMapping) { self.mapping = mapping }

    /// The ODM namespace.
    public static let namespace = "http://www.cdisc.org/ns/odm/v1.3"

    /// Writes `data` to `path` (temporary name, then rename).
    @discardableResult
    public func write(_ data: StudyData, to path: String) throws(SimulationError) -> ODMExportSummary {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw .cannotWrite(path: dir, reason: "\(error)")
            }
        }
        var w = try AtomicFileWriter(path: path)
        let summary: ODMExportSummary
        do { summary = try writeDocument(data, into: &w) } catch {
            w.abandon()
            throw error
        }
        try w.commit()
        return summary
    }

    // MARK: - Document

    func writeDocument(_ data: StudyData, into w: inout AtomicFileWriter) throws(SimulationError) -> ODMExportSummary {
        let odm = mapping.odm
        let sites = Array(Set(data.subjects.map(\.siteID))).sorted()
        let cut = Self.dataCutDate(data)
        try w.write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <ODM xmlns="\(Self.namespace)" ODMVersion="1.3.2" FileType="Transactional" Granularity="All" \
        FileOID="\(Self.esc(odm.studyOID)).EXPORT.\(cut.iso8601)" CreationDateTime="\(cut.iso8601)T18:00:00" \
        Originator="\(Self.esc(ToolVersion.originator)) simulate" SourceSystem="CRLM EDC (simulated)" SourceSystemVersion="1.0">

        """)
        try writeStudy(into: &w)
        try writeAdminData(sites: sites, into: &w)
        let summary = try writeClinicalData(data, into: &w)
        try w.write("</ODM>\n")
        return summary
    }

    /// The day after the last date in the data (dispositions close follow-up): the export date.
    static func dataCutDate(_ data: StudyData) -> CalendarDate {
        var last = CalendarDate(year: 2000, month: 1, day: 1)!
        for d in data.dispositions { if let x = d.date?.date, x > last { last = x } }
        for v in data.visits { if let x = v.date?.date, x > last { last = x } }
        return last.adding(days: 30)
    }

    /// XML attribute/text escaping.
    static func esc(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 || $0 < 32 }) else { return s }
        var o = ""
        for c in s {
            switch c {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            case "'": o += "&apos;"
            case "\n": o += "&#10;"
            case "\r": o += "&#13;"
            case "\t": o += "&#9;"
            default: o.append(c)
            }
        }
        return o
    }

    // MARK: - Metadata

    /// One ItemDef to declare.
    struct ItemSpec {
        var oid: String
        var name: String
        var field: FieldMapping
        var entity: EntityKind
    }

    /// Every ItemDef in mapping order (first declaration of an OID wins).
    var items: [ItemSpec] {
        var seen = Set<String>(), out: [ItemSpec] = []
        for e in mapping.entities {
            for f in e.fields {
                let pairs: [(String, String)] = f.list.map { Array(zip($0.items, $0.columns)) }
                    ?? (f.item.map { [($0, f.column ?? $0)] } ?? [])
                for (oid, name) in pairs where seen.insert(oid).inserted {
                    out.append(ItemSpec(oid: oid, name: name, field: f, entity: e.entity))
                }
            }
        }
        return out
    }

    /// The ItemOIDs of one entity's item group, in order.
    static func itemOIDs(_ e: EntityMapping) -> [String] { e.odmItems }

    /// Study events: the mapping's visit events, then the fixed events of entities (SE.COMMON).
    var studyEvents: [(oid: String, name: String, type: String, repeating: Bool, isVisit: Bool)] {
        var out = mapping.visits.map { v in
            (oid: v.studyEventOID, name: v.isUnscheduled ? "Unscheduled visit" : v.visit,
             type: v.isUnscheduled ? "Unscheduled" : "Scheduled", repeating: v.isUnscheduled, isVisit: true)
        }
        for e in mapping.entities {
            if let oid = e.odm.studyEventOID, !out.contains(where: { $0.oid == oid }) {
                out.append((oid: oid, name: "Forms outside the visit schedule", type: "Common", repeating: false, isVisit: false))
            }
        }
        return out
    }

    /// Forms of an event, in mapping order.
    func forms(ofEvent oid: String, isVisit: Bool) -> [String] {
        var out: [String] = []
        for e in mapping.entities where e.odm.studyEventOID == oid || (isVisit && e.odm.studyEventOID == nil) {
            if !out.contains(e.odm.formOID) { out.append(e.odm.formOID) }
        }
        return out
    }

    static func unitOID(_ unit: String) -> String {
        "MU." + unit.uppercased().filter { $0.isLetter || $0.isNumber }
    }

    static func humanize(_ field: String) -> String {
        var out = ""
        for c in field {
            if c.isUppercase, !out.isEmpty { out += " " }
            out.append(c)
        }
        return out.prefix(1).uppercased() + out.dropFirst().lowercased()
    }

    func writeStudy(into w: inout AtomicFileWriter) throws(SimulationError) {
        let odm = mapping.odm
        var units: [String] = []
        for e in mapping.entities { for f in e.fields { if let u = f.unit, !units.contains(u) { units.append(u) } } }
        var s = """
          <Study OID="\(Self.esc(odm.studyOID))">
            <GlobalVariables>
              <StudyName>\(Self.esc(mapping.study))</StudyName>
              <StudyDescription>Local treatment of liver metastases in colorectal cancer with extrahepatic disease (non-randomized, allocation by willingness)</StudyDescription>
              <ProtocolName>\(Self.esc(mapping.study))</ProtocolName>
            </GlobalVariables>

        """
        if !units.isEmpty {
            s += "    <BasicDefinitions>\n"
            for u in units {
                s += "      <MeasurementUnit OID=\"\(Self.unitOID(u))\" Name=\"\(Self.esc(u))\"><Symbol><TranslatedText xml:lang=\"en\">\(Self.esc(u))</TranslatedText></Symbol></MeasurementUnit>\n"
            }
            s += "    </BasicDefinitions>\n"
        }
        s += "    <MetaDataVersion OID=\"\(Self.esc(odm.metaDataVersionOID))\" Name=\"\(Self.esc(odm.metaDataVersionName ?? odm.metaDataVersionOID))\">\n"
        let events = studyEvents
        s += "      <Protocol>\n"
        for (i, e) in events.enumerated() {
            s += "        <StudyEventRef StudyEventOID=\"\(Self.esc(e.oid))\" OrderNumber=\"\(i + 1)\" Mandatory=\"\(i == 0 ? "Yes" : "No")\"/>\n"
        }
        s += "      </Protocol>\n"
        for e in events {
            s += "      <StudyEventDef OID=\"\(Self.esc(e.oid))\" Name=\"\(Self.esc(e.name))\" Repeating=\"\(e.repeating ? "Yes" : "No")\" Type=\"\(e.type)\">\n"
            for (i, f) in forms(ofEvent: e.oid, isVisit: e.isVisit).enumerated() {
                s += "        <FormRef FormOID=\"\(Self.esc(f))\" OrderNumber=\"\(i + 1)\" Mandatory=\"No\"/>\n"
            }
            s += "      </StudyEventDef>\n"
        }
        var formOrder: [String] = []
        for e in mapping.entities where !formOrder.contains(e.odm.formOID) { formOrder.append(e.odm.formOID) }
        for f in formOrder {
            s += "      <FormDef OID=\"\(Self.esc(f))\" Name=\"\(Self.esc(f.hasPrefix("F.") ? String(f.dropFirst(2)) : f))\" Repeating=\"No\">\n"
            var groups: [String] = []
            for e in mapping.entities where e.odm.formOID == f && !groups.contains(e.odm.itemGroupOID) { groups.append(e.odm.itemGroupOID) }
            for (i, g) in groups.enumerated() {
                s += "        <ItemGroupRef ItemGroupOID=\"\(Self.esc(g))\" OrderNumber=\"\(i + 1)\" Mandatory=\"Yes\"/>\n"
            }
            s += "      </FormDef>\n"
        }
        var groupsDone = Set<String>()
        for e in mapping.entities where groupsDone.insert(e.odm.itemGroupOID).inserted {
            s += "      <ItemGroupDef OID=\"\(Self.esc(e.odm.itemGroupOID))\" Name=\"\(Self.esc(e.entity.rawValue))\" Repeating=\"\(e.odm.repeating == true ? "Yes" : "No")\">\n"
            let required = Dictionary(uniqueKeysWithValues: e.entity.modelFields.map { ($0.name, $0.required) })
            var order = 0
            for f in e.fields {
                let oids = f.list?.items ?? (f.item.map { [$0] } ?? [])
                for oid in oids {
                    order += 1
                    let mandatory = f.list == nil && required[f.field] == true && f.whenBlank == nil
                    s += "        <ItemRef ItemOID=\"\(Self.esc(oid))\" OrderNumber=\"\(order)\" Mandatory=\"\(mandatory ? "Yes" : "No")\"/>\n"
                }
            }
            s += "      </ItemGroupDef>\n"
        }
        try w.write(s)
        s = ""
        for it in items {
            let f = it.field
            let type = f.odmDataType
            var attrs = "OID=\"\(Self.esc(it.oid))\" Name=\"\(Self.esc(it.name))\" DataType=\"\(type)\""
            switch type {
            case "text", "string":
                let codeLength = f.codes?.codes.map(\.count).max()
                attrs += " Length=\"\(f.length ?? codeLength ?? 200)\""
            case "integer":
                if let l = f.length { attrs += " Length=\"\(l)\"" }
            case "float":
                if let l = f.length, let d = f.significantDigits { attrs += " Length=\"\(l)\" SignificantDigits=\"\(d)\"" }
            default: break
            }
            s += "      <ItemDef \(attrs)>\n"
            s += "        <Question><TranslatedText xml:lang=\"en\">\(Self.esc(Self.humanize(f.field)))\(f.list != nil ? " (\(Self.esc(it.name)))" : "")</TranslatedText></Question>\n"
            if let u = f.unit { s += "        <MeasurementUnitRef MeasurementUnitOID=\"\(Self.unitOID(u))\"/>\n" }
            if let cl = f.codeListOID { s += "        <CodeListRef CodeListOID=\"\(Self.esc(cl))\"/>\n" }
            s += "      </ItemDef>\n"
        }
        var lists = Set<String>()
        for e in mapping.entities {
            for f in e.fields {
                guard let oid = f.codeListOID, let codes = f.codes, lists.insert(oid).inserted else { continue }
                let type = f.odmDataType == "integer" ? "integer" : "text"
                s += "      <CodeList OID=\"\(Self.esc(oid))\" Name=\"\(Self.esc(oid.hasPrefix("CL.") ? String(oid.dropFirst(3)) : oid))\" DataType=\"\(type)\">\n"
                for (i, pair) in codes.pairs.enumerated() {
                    s += "        <CodeListItem CodedValue=\"\(Self.esc(pair.code))\" OrderNumber=\"\(i + 1)\"><Decode><TranslatedText xml:lang=\"en\">\(Self.esc(pair.value))</TranslatedText></Decode></CodeListItem>\n"
                }
                s += "      </CodeList>\n"
            }
        }
        s += "    </MetaDataVersion>\n  </Study>\n"
        try w.write(s)
    }

    func writeAdminData(sites: [String], into w: inout AtomicFileWriter) throws(SimulationError) {
        var s = "  <AdminData StudyOID=\"\(Self.esc(mapping.odm.studyOID))\">\n"
        for site in sites {
            s += "    <User OID=\"USR.\(Self.esc(site))\" UserType=\"Investigator\"><LoginName>site\(Self.esc(site))</LoginName><FullName>Study coordinator, site \(Self.esc(site))</FullName><LocationRef LocationOID=\"LOC.\(Self.esc(site))\"/></User>\n"
        }
        s += "    <User OID=\"USR.DM\" UserType=\"Other\"><LoginName>datamanager</LoginName><FullName>Central data manager</FullName></User>\n"
        for site in sites {
            s += "    <Location OID=\"LOC.\(Self.esc(site))\" Name=\"Site \(Self.esc(site))\" LocationType=\"Site\"><MetaDataVersionRef StudyOID=\"\(Self.esc(mapping.odm.studyOID))\" MetaDataVersionOID=\"\(Self.esc(mapping.odm.metaDataVersionOID))\" EffectiveDate=\"2021-01-15\"/></Location>\n"
        }
        s += "  </AdminData>\n"
        try w.write(s)
    }
}
