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
        let encoder = DatasetJSONEncoder(template: dataset, target: .json(form), info: info, file: path, strict: false)
        try encoder.add(dataset)
        try DatasetJSONEncoder.writeHeader(of: dataset, columns: encoder.columnInfos(), lengths: dataset.columns.map(\.length),
                                           records: dataset.rowCount, info: info, form: form, to: out)
        try encoder.writeJSONRows(dataset, to: out)
        try DatasetJSONEncoder.writeEnd(records: dataset.rowCount, form: form, to: out)
        try out.commit()
        return encoder.warnings()
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
        // Most values need no escape: quote and copy them in one step.
        var failure: InputError?
        let done = FileOutput.withBytes(s) { b -> Bool in
            do throws(InputError) {
                return try out.write(b, quote: 0x22, unlessAny: (0x22, 0x5C, 0x22, 0x5C), below: 0x20)
            } catch { failure = error; return true }
        }
        if let failure { throw failure }
        if done { return }
        var s = s
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
