import EDCImport
import StudyModel
import TrialCore

/// Turns a model field value into the text an export holds, by inverting a `FieldMapping`:
/// codes become raw codes, dates take the CSV layout (ODM: ISO 8601), lists spread over
/// their columns / items. A value equal to the field's `whenBlank` is left blank, as sites do.
struct FieldEncoder: Sendable {
    /// Default CSV date layout of the export.
    var csvDateFormat: EDCDateFormat

    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// `date` written in `format`; unknown day/month as `UN`/`UNK` (DD-MON-YYYY) or `UN` (slashed).
    static func format(_ date: PartialDateTime, _ format: EDCDateFormat) -> String {
        let y = date.year.map { String($0) } ?? "UNKN"
        switch format {
        case .iso8601:
            return date.iso8601
        case .ddMONyyyy:
            if let yy = date.year, (1000...9999).contains(yy), date.hour == nil {
                var b: [UInt8] = []
                b.reserveCapacity(11)
                if let d = date.day { b.append(UInt8(48 + d / 10)); b.append(UInt8(48 + d % 10)) } else { b += [85, 78] }
                b.append(45)
                if let m = date.month, (1...12).contains(m) { b += monthBytes[m - 1] } else { b += [85, 78, 75] }
                b.append(45)
                b += [UInt8(48 + yy / 1000), UInt8(48 + yy / 100 % 10), UInt8(48 + yy / 10 % 10), UInt8(48 + yy % 10)]
                return String(decoding: b, as: UTF8.self)
            }
            let m = date.month.map { months[$0 - 1] } ?? "UNK"
            let d = date.day.map(pad2) ?? "UN"
            return "\(d)-\(m)-\(y)"
        case .yyyySlashMMSlashDD:
            return "\(y)/\(date.month.map(pad2) ?? "UN")/\(date.day.map(pad2) ?? "UN")"
        case .mmSlashDDSlashYYYY:
            return "\(date.month.map(pad2) ?? "UN")/\(date.day.map(pad2) ?? "UN")/\(y)"
        case .ddSlashMMSlashYYYY:
            return "\(date.day.map(pad2) ?? "UN")/\(date.month.map(pad2) ?? "UN")/\(y)"
        }
    }

    /// ISO 8601 of a right-truncated date without time (`2021-03-05`, `2021-03`, `2021`), built
    /// byte by byte; anything else falls back to `PartialDateTime.iso8601`.
    static func isoDate(_ p: PartialDateTime) -> String {
        guard p.hour == nil, p.minute == nil, p.second == nil, let y = p.year, (0...9999).contains(y),
              p.month != nil || p.day == nil else { return p.iso8601 }
        var b = [UInt8](repeating: 0, count: 10)
        func put(_ n: Int, _ at: Int, _ width: Int) {
            var n = n
            for k in stride(from: at + width - 1, through: at, by: -1) { b[k] = UInt8(48 + n % 10); n /= 10 }
        }
        put(y, 0, 4)
        var count = 4
        if let m = p.month {
            b[4] = 45; put(m, 5, 2); count = 7
            if let d = p.day { b[7] = 45; put(d, 8, 2); count = 10 }
        }
        return String(decoding: b[0..<count], as: UTF8.self)
    }

    static let monthBytes: [[UInt8]] = months.map { Array($0.utf8) }

    /// A float without a trailing `.0` for whole numbers (`35`, `12.3`).
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    /// The raw code for a model value, or the model value itself when the field has no codes.
    static func code(_ value: String, _ f: FieldMapping) throws(SimulationError) -> String {
        guard let codes = f.codes else { return value }
        guard let c = codes.code(forValue: value) else {
            throw .invalidInput(what: "mapping field '\(f.field)' has no code for model value '\(value)'",
                                expected: "a code for every value the simulator writes: \(codes.values.joined(separator: ", "))")
        }
        return c
    }

    /// Export text of a single-column field (`nil` = blank), for CSV (`odm == false`) or ODM.
    func scalar(_ v: ModelFieldValue, _ f: FieldMapping, odm: Bool) throws(SimulationError) -> String? {
        switch v {
        case .none: return nil
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .float(let d): return Self.format(d)
        case .date(let p): return odm ? Self.isoDate(p) : Self.format(p, f.dateFormat?.format ?? csvDateFormat)
        case .code(let raw):
            if let blank = f.whenBlank, blank == raw { return nil }
            return try Self.code(raw, f)
        case .visit(let visit):
            return f.codes?.code(forValue: visit.name) ?? visit.name
        case .list:
            throw .invalidInput(what: "mapping field '\(f.field)' maps a list to one column", expected: "a list: mapping")
        }
    }

    /// Export texts of a list field, one per column / item of `list`.
    func list(_ v: ModelFieldValue, _ f: FieldMapping, _ l: ListMapping) throws(SimulationError) -> [String?] {
        guard case .list(let elements) = v else {
            throw .invalidInput(what: "mapping field '\(f.field)' is a list but the model field is not", expected: "a single column")
        }
        var out = [String?](repeating: nil, count: l.columns.count)
        switch l.shape {
        case .positional:
            for (i, e) in elements.enumerated() where i < out.count {
                out[i] = try e.map { (raw: String) throws(SimulationError) -> String in f.codes == nil ? raw : try Self.code(raw, f) }
            }
        case .values:
            guard elements.count <= out.count else {
                throw .invalidInput(what: "field '\(f.field)' has \(elements.count) values", expected: "at most \(out.count) (one per column)")
            }
            for (i, e) in elements.enumerated() { out[i] = try e.map { (raw: String) throws(SimulationError) -> String in try Self.code(raw, f) } }
        case .flags:
            let flags = l.flagValues ?? []
            for (i, flag) in flags.enumerated() where elements.contains(flag) { out[i] = l.checked }
        }
        return out
    }
}
