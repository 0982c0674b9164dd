import StudyModel
import TrialCore

/// One source record before binding: a CSV row or an ODM ItemGroupData instance.
enum SourceRecord {
    /// A CSV data row.
    struct CSVRow {
        /// File name used in locations (e.g. `ae.csv`).
        var file: String
        /// 1-based line of the row.
        var line: Int
        /// The fields.
        var fields: [String]
        /// Column name → field index.
        var index: [String: Int]
    }

    /// An ODM item group instance with its context.
    struct ODMRow {
        /// File name used in locations (e.g. `crlm.xml`).
        var file: String
        /// SubjectKey.
        var subjectKey: String
        /// SiteRef LocationOID.
        var siteOID: String?
        /// StudyEventOID and repeat key.
        var event: (String, String?)
        /// FormOID and repeat key.
        var form: (String, String?)
        /// The item group instance.
        var group: ODMSubject.ItemGroup
        /// The visit the event stands for, if the mapping names it.
        var visit: Visit?
    }

    case csv(CSVRow)
    case odm(ODMRow)

    /// Location of the whole record.
    var location: SourceLocation {
        switch self {
        case .csv(let r): return .text(file: r.file, line: r.line, column: nil)
        case .odm(let r): return .odm(file: r.file, path: r.path(item: nil))
        }
    }

    /// The raw text of a single-source field (trimmed; `""` when blank or absent), where it
    /// is, and the source's name (column or ItemOID).
    func raw(_ f: FieldMapping) -> (text: String, location: SourceLocation, source: String) {
        switch self {
        case .csv(let r):
            let col = f.column ?? f.field
            let text = r.index[col].map { $0 < r.fields.count ? r.fields[$0] : "" } ?? ""
            return (trim(text), .text(file: r.file, line: r.line, column: nil), col)
        case .odm(let r):
            if let k = f.odm {
                let loc = SourceLocation.odm(file: r.file, path: r.path(item: nil))
                switch k {
                case .subjectKey: return (r.subjectKey, loc, "SubjectKey")
                case .siteRef: return (r.siteOID ?? "", loc, "SiteRef")
                case .studyEvent: return (r.event.0, loc, "StudyEventOID")
                case .studyEventRepeatKey: return (r.event.1 ?? "", loc, "StudyEventRepeatKey")
                case .formRepeatKey: return (r.form.1 ?? "", loc, "FormRepeatKey")
                case .itemGroupRepeatKey: return (r.group.repeatKey ?? "", loc, "ItemGroupRepeatKey")
                }
            }
            let oid = f.item ?? f.field
            return (trim(r.group.item(oid)?.value ?? ""), .odm(file: r.file, path: r.path(item: oid)), oid)
        }
    }

    /// The raw texts of a list field, one per column / item.
    func rawList(_ f: FieldMapping, _ l: ListMapping) -> [(text: String, location: SourceLocation, source: String)] {
        switch self {
        case .csv(let r):
            return l.columns.map { col in
                let text = r.index[col].map { $0 < r.fields.count ? r.fields[$0] : "" } ?? ""
                return (trim(text), .text(file: r.file, line: r.line, column: nil), col)
            }
        case .odm(let r):
            return l.items.map { oid in (trim(r.group.item(oid)?.value ?? ""), .odm(file: r.file, path: r.path(item: oid)), oid) }
        }
    }

    private func trim(_ s: String) -> String {
        guard let f = s.utf8.first, let l = s.utf8.last, f == 0x20 || l == 0x20 || f == 0x09 || l == 0x09 else { return s }
        return String(s.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}

extension SourceRecord.ODMRow {
    /// ODM path of this item group, or of one of its items.
    func path(item: String?) -> String {
        ODMSubject.path(subject: subjectKey, event: event, form: form, itemGroup: (group.oid, group.repeatKey), item: item)
    }
}
