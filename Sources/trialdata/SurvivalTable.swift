import DatasetIO
import Foundation
import TrialCore

/// The columns a survival subcommand reads from its input file, parsed into typed arrays.
///
/// Only the requested columns are kept. A column is numeric when every non-missing value parses
/// as a number, text otherwise. Missing: empty, `NA`, `.` (SAS). CSV, `.xpt` and Dataset-JSON
/// all come through DatasetIO.
struct SurvivalTable {
    /// One parsed column.
    struct Column {
        /// Variable name as in the file.
        let name: String
        /// Numbers per row (NaN where missing or not a number).
        var numbers: [Double]
        /// Text per row (nil where missing); only for text columns.
        var texts: [String?]? = nil
        /// First value that is not a number: its location and text.
        var firstText: (location: SourceLocation, value: String)? = nil
        /// True when some non-missing value is not a number.
        var isText: Bool { texts != nil }

        /// Missing at row i.
        func isMissing(_ i: Int) -> Bool {
            if let texts { return texts[i] == nil }
            return numbers[i].isNaN
        }
    }

    /// File the rows came from (for messages).
    let file: String
    /// Number of data rows.
    let rowCount: Int
    /// Requested columns by name.
    var columns: [String: Column]
    /// 1-based line number of each data row's start (CSV; empty for other formats).
    let lineOfRow: [Int32]

    /// Reads `names` from `path`; throws an `InputError` naming the file for unreadable input or
    /// an absent column.
    static func read(path: String, names: Set<String>) throws(InputError) -> SurvivalTable {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "csv", "txt":
            return try SurvivalCSVScanner.read(path: path, names: names)
        default:
            let dataset = try DatasetFile.read(path: path)
            return try fromDataset(dataset, path: path, names: names)
        }
    }

    /// Columns of a DatasetIO `Dataset`: numeric variables as numbers; character variables as
    /// numbers when every non-blank value parses as one, else as text (trailing blanks removed).
    static func fromDataset(_ dataset: Dataset, path: String, names: Set<String>) throws(InputError) -> SurvivalTable {
        var columns: [String: Column] = [:]
        let n = dataset.rowCount
        for name in names.sorted() {
            guard let col = dataset.column(name) else {
                throw InputError(at: .file(path), "the variable is not in the dataset", value: name,
                                 expected: "one of \(dataset.columnNames.joined(separator: ", "))")
            }
            var numbers = [Double](repeating: .nan, count: n)
            var texts: [String?]? = nil
            var firstText: (location: SourceLocation, value: String)? = nil
            for (i, v) in col.values.enumerated() {
                switch v {
                case let .number(x): numbers[i] = x
                case .missing: break
                case let .character(s):
                    var t = Substring(s)
                    while t.last == " " { t.removeLast() }
                    while t.first == " " { t.removeFirst() }
                    if SurvivalCSVScanner.isMissingToken(String(t)) { continue }
                    if let x = Double(t), x.isFinite { numbers[i] = x }
                    else if firstText == nil {
                        firstText = (.dataset(name: path, row: i + 1, variable: name), String(t))
                    }
                }
            }
            if firstText != nil {
                texts = col.values.map { v -> String? in
                    if v.isMissing { return nil }
                    var t = Substring(v.text)
                    while t.last == " " { t.removeLast() }
                    while t.first == " " { t.removeFirst() }
                    return SurvivalCSVScanner.isMissingToken(String(t)) ? nil : String(t)
                }
            }
            columns[name] = Column(name: name, numbers: numbers, texts: texts, firstText: firstText)
        }
        return SurvivalTable(file: path, rowCount: n, columns: columns, lineOfRow: [])
    }

    /// Frees columns no longer needed (their buffers go when nothing else holds them).
    mutating func release(_ names: [String]) {
        for n in names { columns[n] = nil }
    }

    /// The column `name`, which must have been requested.
    func column(_ name: String) -> Column { columns[name]! }

    /// The location of a cell for messages.
    func location(row: Int, variable: String) -> SourceLocation {
        if row < lineOfRow.count { return .text(file: file, line: Int(lineOfRow[row]), column: nil) }
        return .dataset(name: file, row: row + 1, variable: variable)
    }

    /// "line N" (CSV) or "row N" for messages.
    func rowName(_ row: Int) -> String {
        row < lineOfRow.count ? "line \(lineOfRow[row])" : "row \(row + 1)"
    }
}

/// Reads the survival columns of a CSV file with DatasetIO's streaming reader (the one RFC 4180
/// reader of the project), through its zero-copy `CSVRow` path: numbers are parsed from the
/// field bytes in place; strings are made only for columns that turn out to hold text, in a
/// second pass. A row with the wrong number of fields is an error naming its line.
enum SurvivalCSVScanner {
    static func read(path: String, names: Set<String>) throws(InputError) -> SurvivalTable {
        let reader = try CSVReader(path: path)
        guard let header = reader.header, !header.isEmpty else {
            throw InputError(at: .text(file: path, line: 1, column: nil), "the file has no header line", value: "",
                             expected: "a CSV header with variable names")
        }
        var index = [Int](repeating: -1, count: header.count)
        var columns: [SurvivalTable.Column] = []
        for name in names.sorted() {
            guard let j = header.firstIndex(of: name) else {
                throw InputError(at: .text(file: path, line: reader.headerLine, column: nil), "the variable is not in the file",
                                 value: name, expected: "one of \(header.joined(separator: ", "))")
            }
            index[j] = columns.count
            columns.append(SurvivalTable.Column(name: name, numbers: []))
        }
        let wanted = index.indices.filter { index[$0] >= 0 }
        var lineOfRow: [Int32] = []
        var row = CSVRow()
        while try reader.read(into: &row) {
            lineOfRow.append(Int32(truncatingIfNeeded: row.line))
            for j in wanted {
                let c = index[j]
                let v = row.withUTF8(j) { SurvivalCSVScanner.number($0, 0, $0.count) }
                columns[c].numbers.append(v.value)
                if !v.ok && columns[c].firstText == nil {
                    columns[c].firstText = (.text(file: path, line: row.line, column: j + 1), row[j])
                }
            }
        }
        let textColumns = wanted.filter { columns[index[$0]].firstText != nil }
        if !textColumns.isEmpty {
            // Second pass for the columns that hold text: keep their strings.
            let again = try CSVReader(path: path)
            var texts = [Int: [String?]]()
            for j in textColumns { texts[j] = []; texts[j]!.reserveCapacity(lineOfRow.count) }
            while try again.read(into: &row) {
                for j in textColumns {
                    let t = row[j]
                    texts[j]!.append(isMissingToken(t) ? nil : t)
                }
            }
            for (j, t) in texts { columns[index[j]].texts = t }
        }
        var dict: [String: SurvivalTable.Column] = [:]
        for c in columns { dict[c.name] = c }
        return SurvivalTable(file: path, rowCount: lineOfRow.count, columns: dict, lineOfRow: lineOfRow)
    }

    static func isMissingToken(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty || t == "NA" || t == "."
    }

    /// Parses a decimal number in b[s..<e] (surrounding blanks allowed). Missing tokens give
    /// (NaN, ok: true); text gives (NaN, ok: false). Plain decimals m·10^−k with m < 2^53 are
    /// exact-then-one-rounding (correctly rounded); anything else goes through strtod.
    @inline(__always)
    static func number(_ b: UnsafeBufferPointer<UInt8>, _ s0: Int, _ e0: Int) -> (value: Double, ok: Bool) {
        var s = s0, e = e0
        while s < e && (b[s] == 32 || b[s] == 9) { s += 1 }
        while e > s && (b[e - 1] == 32 || b[e - 1] == 9) { e -= 1 }
        if s == e { return (.nan, true) }
        if e - s == 2 && b[s] == 78 && b[s + 1] == 65 { return (.nan, true) }   // NA
        if e - s == 1 && b[s] == 46 { return (.nan, true) }                     // .
        var p = s
        var negative = false
        if b[p] == 45 { negative = true; p += 1 } else if b[p] == 43 { p += 1 }
        var mant: UInt64 = 0
        var digits = 0
        var frac = 0
        var sawDot = false
        var sawDigit = false
        while p < e {
            let c = b[p]
            if c >= 48 && c <= 57 {
                sawDigit = true
                if mant < 1_000_000_000_000_000 { mant = mant * 10 + UInt64(c - 48); digits += 1; if sawDot { frac += 1 } }
                else { return slow(b, s, e) }
            } else if c == 46 && !sawDot {
                sawDot = true
            } else {
                return slow(b, s, e)
            }
            p += 1
        }
        if !sawDigit { return (.nan, false) }
        if mant > (1 << 53) || frac > 22 { return slow(b, s, e) }
        var v = Double(mant)
        if frac > 0 { v /= pow10[frac] }
        return (negative ? -v : v, true)
    }

    static let pow10: [Double] = (0...22).map { k in var x = 1.0; for _ in 0..<k { x *= 10 }; return x }

    static func slow(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (value: Double, ok: Bool) {
        let str = String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
        if let v = Double(str), v.isFinite { return (v, true) }
        return (.nan, false)
    }
}
