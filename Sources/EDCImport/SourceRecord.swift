import DatasetIO
import StudyModel
import TrialCore

/// One source record before binding: a CSV row or an ODM ItemGroupData instance.
enum SourceRecord {
    /// A CSV data row, read in place (a String is made only for the fields asked for).
    struct CSVRow {
        /// File name used in locations (e.g. `ae.csv`).
        var file: String
        /// 1-based line of the row.
        var line: Int
        /// The row in the CSV reader's buffer (valid while the record is bound).
        var row: DatasetIO.CSVRow
        /// Where each mapped field is among the row's fields.
        var columns: CSVColumns
    }

    /// The columns of one entity's fields in one CSV file, by position in `EntityMapping.fields`
    /// (resolved once per file instead of a name lookup per field and row).
    final class CSVColumns {
        /// Column index of a single-column field, or -1 when the header lacks it.
        let single: [Int]
        /// Column indexes of a list field's columns (-1 for one the header lacks).
        let lists: [[Int]]

        /// Resolves `entity`'s columns in a header given as trimmed name → first index.
        init(entity: EntityMapping, index: [String: Int]) {
            single = entity.fields.map { index[$0.column ?? $0.field] ?? -1 }
            lists = entity.fields.map { f in f.list?.columns.map { index[$0] ?? -1 } ?? [] }
        }
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

    /// The raw text of a single-source field (trimmed; `""` when blank or absent) and the
    /// source's name (column, ItemOID, or ODM key name).
    /// `slot` is the field's position in `EntityMapping.fields`.
    func raw(_ f: FieldMapping, slot: Int) -> (text: String, source: String) {
        switch self {
        case .csv(let r):
            let col = f.column ?? f.field
            let i = r.columns.single[slot]
            return (i >= 0 && i < r.row.count ? Self.trimmedField(r.row, i) : "", col)
        case .odm(let r):
            if let k = f.odm {
                switch k {
                case .subjectKey: return (r.subjectKey, "SubjectKey")
                case .siteRef: return (r.siteOID ?? "", "SiteRef")
                case .studyEvent: return (r.event.0, "StudyEventOID")
                case .studyEventRepeatKey: return (r.event.1 ?? "", "StudyEventRepeatKey")
                case .formRepeatKey: return (r.form.1 ?? "", "FormRepeatKey")
                case .itemGroupRepeatKey: return (r.group.repeatKey ?? "", "ItemGroupRepeatKey")
                }
            }
            let oid = f.item ?? f.field
            return (Self.trim(r.group.item(oid)?.value ?? ""), oid)
        }
    }

    /// Where the value of `source` (a column, an ItemOID or an ODM key name) is: the CSV line,
    /// or the ODM path of the ItemData (of the item group for ODM keys).
    func location(of source: String, isItem: Bool) -> SourceLocation {
        switch self {
        case .csv(let r): return .text(file: r.file, line: r.line, column: nil)
        case .odm(let r): return .odm(file: r.file, path: r.path(item: isItem ? source : nil))
        }
    }

    /// The raw texts of a list field, one per column / item, with their source names.
    func rawList(_ f: FieldMapping, _ l: ListMapping, slot: Int) -> [(text: String, source: String)] {
        switch self {
        case .csv(let r):
            return zip(l.columns, r.columns.lists[slot]).map { col, i in
                (i >= 0 && i < r.row.count ? Self.trimmedField(r.row, i) : "", col)
            }
        case .odm(let r):
            return l.items.map { oid in (Self.trim(r.group.item(oid)?.value ?? ""), oid) }
        }
    }

    /// Field `i` of `row` as `trim` returns it; the String is made straight from the bytes
    /// when they neither start nor end with a space or tab.
    static func trimmedField(_ row: DatasetIO.CSVRow, _ i: Int) -> String {
        let padded = row.withUTF8(i) { b -> Bool in
            guard let f = b.first, let l = b.last else { return false }
            return f == 0x20 || l == 0x20 || f == 0x09 || l == 0x09
        }
        return padded ? trim(row[i]) : row[i]
    }

    /// `s` without leading and trailing spaces and tabs (how every raw value is read).
    static func trim(_ s: String) -> String {
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
