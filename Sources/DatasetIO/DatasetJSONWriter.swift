#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TrialCore

/// Writes CDISC Dataset-JSON v1.1 (`.json`) and its NDJSON form (`.ndjson`), streaming rows
/// straight from the dataset's columns (no JSON tree is built).
///
/// Key order follows the specification. Character values are JSON strings (`""` for
/// missing); numbers are JSON numbers (shortest text that reads back to the same double;
/// `null` for missing); a numeric variable whose SAS format is a date, datetime or time
/// format (e.g. `DATE9.`) is written as `dataType: "date"` with `targetDataType: "integer"`
/// and ISO 8601 values, as the CDISC examples do. Dataset-JSON has no special missing
/// values: `.A`–`.Z` and `._` are written as `null` and reported as warnings.
/// ```swift
/// try DatasetJSONWriter.write(adtte, to: "adtte.json")
/// try DatasetJSONWriter.write(adtte, to: "adtte.ndjson", form: .ndjson)
/// ```
public enum DatasetJSONWriter {
    /// Which of the two Dataset-JSON forms to write.
    public enum Form: String, Sendable {
        /// One JSON object with a `rows` array.
        case json
        /// Line 1 the metadata object, then one row array per line.
        case ndjson
    }

    /// Writes `dataset` to `path` (atomically) and returns warnings (special missings
    /// written as `null`).
    @discardableResult
    public static func write(_ dataset: Dataset, to path: String, form: Form = .json,
                             info: DatasetJSONInfo = DatasetJSONInfo()) throws(InputError) -> [Diagnostic] {
        let out = try FileOutput(path: path)
        let columns = try dataset.columns.map { (c) throws(InputError) in try columnInfo(c, dataset: dataset, info: info, file: path) }
        let rows = dataset.rowCount
        for c in dataset.columns where c.values.count != rows {
            throw InputError(at: .file(path), "dataset \(dataset.name): variable \(c.name) has \(c.values.count) values but the dataset has \(rows) rows",
                             expected: "the same number of values in every column")
        }
        let w = JSONTextWriter(out: out)
        // Metadata.
        try w.raw("{\"datasetJSONCreationDateTime\":")
        try w.string(info.creationDateTime ?? "1960-01-01T00:00:00")
        try w.raw(",\"datasetJSONVersion\":\"1.1.0\"")
        if let v = info.fileOID { try w.raw(",\"fileOID\":"); try w.string(v) }
        if let v = info.dbLastModifiedDateTime { try w.raw(",\"dbLastModifiedDateTime\":"); try w.string(v) }
        try w.raw(",\"originator\":"); try w.string(info.originator ?? ToolVersion.originator)
        let system = info.sourceSystem ?? .init(name: "TrialData", version: ToolVersion.current)
        try w.raw(",\"sourceSystem\":{\"name\":"); try w.string(system.name)
        try w.raw(",\"version\":"); try w.string(system.version); try w.raw("}")
        if let v = info.studyOID { try w.raw(",\"studyOID\":"); try w.string(v) }
        if let v = info.metaDataVersionOID { try w.raw(",\"metaDataVersionOID\":"); try w.string(v) }
        if let v = info.metaDataRef { try w.raw(",\"metaDataRef\":"); try w.string(v) }
        try w.raw(",\"itemGroupOID\":"); try w.string(info.itemGroupOID ?? "IG.\(dataset.name)")
        try w.raw(",\"records\":\(rows),\"name\":"); try w.string(dataset.name)
        try w.raw(",\"label\":"); try w.string(dataset.label)
        try w.raw(",\"columns\":[")
        let keyOrder = dataset.keys.map { $0.uppercased() }
        for (k, c) in dataset.columns.enumerated() {
            let ci = columns[k]
            let sep = form == .json ? "\n" : ""
            try w.raw(k == 0 ? sep + "{\"itemOID\":" : "," + sep + "{\"itemOID\":"); try w.string(ci.itemOID)
            try w.raw(",\"name\":"); try w.string(c.name)
            try w.raw(",\"label\":"); try w.string(c.label)
            try w.raw(",\"dataType\":"); try w.string(ci.dataType)
            if let t = ci.targetDataType { try w.raw(",\"targetDataType\":"); try w.string(t) }
            if c.type == .character { try w.raw(",\"length\":\(max(1, c.length))") }
            if let f = c.format, !f.isEmpty { try w.raw(",\"displayFormat\":"); try w.string(f) }
            if let key = keyOrder.firstIndex(of: c.name.uppercased()) { try w.raw(",\"keySequence\":\(key + 1)") }
            try w.raw("}")
        }
        try w.raw("]")
        try w.raw(form == .json ? ",\"rows\":[" : "}\n")

        // Rows.
        var specialMissings = [Int](repeating: 0, count: dataset.columns.count)
        let kinds = columns.map { ci -> SASDateTime.Kind? in
            ci.targetDataType == "integer" ? SASDateTime.Kind(rawValue: ci.dataType) : nil
        }
        let decimal = columns.map { $0.dataType == "decimal" || $0.targetDataType == "decimal" }
        let boolean = columns.map { $0.dataType == "boolean" }
        let cols = dataset.columns
        for r in 0..<rows {
            if form == .json { try w.raw(r == 0 ? "\n[" : ",\n[") } else { try w.byte(0x5B) }
            for k in 0..<cols.count {
                if k > 0 { try w.byte(0x2C) }
                switch cols[k].values[r] {
                case .character(let s):
                    try w.string(s)
                case .missing(let m):
                    if m != .dot { specialMissings[k] += 1 }
                    try w.raw("null")
                case .number(let x):
                    guard x.isFinite else {
                        throw InputError(at: .dataset(name: dataset.name, row: r + 1, variable: cols[k].name),
                                         "number is not finite", value: "\(x)", expected: "a finite number")
                    }
                    if let kind = kinds[k] {
                        guard let iso = SASDateTime.iso8601(x, kind: kind) else {
                            throw InputError(at: .dataset(name: dataset.name, row: r + 1, variable: cols[k].name),
                                             "value is not a whole SAS \(kind.rawValue) number in range", value: Value.format(x),
                                             expected: "a \(kind.rawValue) that ISO 8601 can write")
                        }
                        try w.string(iso)
                    } else if decimal[k] {
                        try w.string(JSONTextWriter.number(x))
                    } else if boolean[k] {
                        try w.raw(x != 0 ? "true" : "false")
                    } else {
                        try w.raw(JSONTextWriter.number(x))
                    }
                }
            }
            try w.byte(0x5D)
            if form == .ndjson { try w.byte(0x0A) }
        }
        if form == .json { try w.raw(rows > 0 ? "\n]}\n" : "]}\n") }
        try out.commit()
        var warnings: [Diagnostic] = []
        for (k, n) in specialMissings.enumerated() where n > 0 {
            warnings.append(Diagnostic(.warning, at: .dataset(name: dataset.name, row: 0, variable: cols[k].name),
                                       "\(n) special missing value\(n == 1 ? "" : "s") (.A–.Z, ._) written as null: Dataset-JSON has no special missings"))
        }
        return warnings
    }

    /// The JSON column metadata for `c`: from `info` when it fits the column's type, else derived.
    static func columnInfo(_ c: Column, dataset: Dataset, info: DatasetJSONInfo,
                           file: String) throws(InputError) -> DatasetJSONInfo.ColumnInfo {
        let oid = "IT.\(dataset.name).\(c.name)"
        if let given = info.columns[c.name.uppercased()] {
            let numericTypes: Set<String> = ["integer", "decimal", "float", "double", "boolean"]
            let isNumeric = numericTypes.contains(given.dataType) || given.targetDataType == "integer"
            if isNumeric == (c.type == .numeric) {
                if let t = given.targetDataType, t == "integer", let kind = SASDateTime.Kind(rawValue: given.dataType) {
                    if c.values.allSatisfy({ $0.number.map { SASDateTime.iso8601($0, kind: kind) != nil } ?? true }) { return given }
                } else if given.dataType == "integer" {
                    if c.values.allSatisfy({ $0.number.map(isJSONInteger) ?? true }) { return given }
                } else {
                    return given
                }
            }
        }
        if c.type == .character { return .init(itemOID: oid, dataType: "string") }
        if let kind = SASDateTime.kind(ofFormat: c.format),
           c.values.allSatisfy({ $0.number.map { SASDateTime.iso8601($0, kind: kind) != nil } ?? true }) {
            return .init(itemOID: oid, dataType: kind.rawValue, targetDataType: "integer")
        }
        if c.values.allSatisfy({ $0.number.map(isJSONInteger) ?? true }) {
            return .init(itemOID: oid, dataType: "integer")
        }
        return .init(itemOID: oid, dataType: "double")
    }

    static func isJSONInteger(_ x: Double) -> Bool {
        x == x.rounded() && abs(x) < 9_007_199_254_740_992 && !(x == 0 && x.sign == .minus)
    }

    /// Now in UTC, `YYYY-MM-DDThh:mm:ss`, for `DatasetJSONInfo.creationDateTime`.
    public static func currentDateTime() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        let secs = Int(tm.tm_hour) * 3600 + Int(tm.tm_min) * 60 + Int(tm.tm_sec)
        let date = CalendarDate(year: Int(tm.tm_year) + 1900, month: Int(tm.tm_mon) + 1, day: Int(tm.tm_mday))
        let days = date?.sasDate ?? 0
        return SASDateTime.iso8601(Double(days * 86400 + secs), kind: .datetime) ?? "1960-01-01T00:00:00"
    }
}

/// Low-level JSON text output: raw text, escaped strings and numbers.
struct JSONTextWriter {
    let out: FileOutput

    @inline(__always) func raw(_ s: String) throws(InputError) { try out.write(s) }
    @inline(__always) func byte(_ b: UInt8) throws(InputError) { try out.write(byte: b) }

    /// Writes `s` as a JSON string: `"` `\` and control characters escaped, the rest as UTF-8.
    func string(_ s: String) throws(InputError) {
        var s = s
        var failure: InputError?
        s.withUTF8 { b in
            do throws(InputError) {
                try out.write(byte: 0x22)
                var start = 0
                for k in 0..<b.count {
                    let c = b[k]
                    if c >= 0x20 && c != 0x22 && c != 0x5C { continue }
                    if k > start { try out.write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b)[start..<k])) }
                    switch c {
                    case 0x22: try out.write("\\\"")
                    case 0x5C: try out.write("\\\\")
                    case 0x0A: try out.write("\\n")
                    case 0x0D: try out.write("\\r")
                    case 0x09: try out.write("\\t")
                    case 0x08: try out.write("\\b")
                    case 0x0C: try out.write("\\f")
                    default:
                        let hex = String(c, radix: 16, uppercase: true)
                        try out.write("\\u00" + (hex.count == 1 ? "0" : "") + hex)
                    }
                    start = k + 1
                }
                if b.count > start { try out.write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b)[start..<b.count])) }
                try out.write(byte: 0x22)
            } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The JSON text of a finite double: integers below 10^15 without a fraction (`63`),
    /// otherwise Swift's shortest round-trip form (`0.1`, `1e-300`, `-0.0`).
    static func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 && !(x == 0 && x.sign == .minus) { return String(Int64(x)) }
        return x.description
    }
}
