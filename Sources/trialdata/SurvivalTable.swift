import DatasetIO
import Foundation
import TrialCore

/// The columns a survival subcommand reads from its input file, parsed into typed arrays.
///
/// Only the requested columns are kept. A column is numeric when every non-missing value parses
/// as a number, text otherwise. Missing: empty, `NA`, `.` (SAS). Today it reads CSV itself
/// (`SurvivalCSVScanner`); `.xpt` and Dataset-JSON come through DatasetIO once it lands.
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

/// A fast RFC 4180 CSV scanner for the survival subcommands: one pass over the bytes, numbers
/// parsed in place, strings only made for columns that turn out to be text.
enum SurvivalCSVScanner {
    static func read(path: String, names: Set<String>) throws(InputError) -> SurvivalTable {
        // Memory-mapped: no copy of the file's bytes.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw InputError(at: .file(path), "cannot read the input file", value: path, expected: "a readable file")
        }
        let count = data.count
        let result: Result<SurvivalTable, InputError> = data.withUnsafeBytes { raw in
            do throws(InputError) {
                return .success(try parse(raw.bindMemory(to: UInt8.self), count: count, path: path, names: names))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func parse(_ buf: UnsafeBufferPointer<UInt8>, count: Int, path: String, names: Set<String>) throws(InputError) -> SurvivalTable {
        do {
            var pos = 0
            var line = 1
            // Header
            var header: [String] = []
            if count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { pos = 3 }
            var endOfRecord = false
            while !endOfRecord && pos < count {
                let (s, e, quoted, next, eor, lines) = field(buf, pos, count)
                header.append(text(buf, s, e, quoted))
                pos = next; endOfRecord = eor; line += lines
            }
            if header.isEmpty {
                throw InputError(at: .text(file: path, line: 1, column: nil), "the file has no header line", value: "", expected: "a CSV header with variable names")
            }
            var index = [Int](repeating: -1, count: header.count)
            var columns: [SurvivalTable.Column] = []
            for name in names.sorted() {
                guard let j = header.firstIndex(of: name) else {
                    throw InputError(at: .text(file: path, line: 1, column: nil), "the variable is not in the file", value: name,
                                     expected: "one of \(header.joined(separator: ", "))")
                }
                index[j] = columns.count
                columns.append(SurvivalTable.Column(name: name, numbers: []))
            }
            // Data rows: reserve for the number of line breaks (an upper bound without quoted ones).
            var lineBreaks = 0
            for q in pos..<count where buf[q] == 10 { lineBreaks += 1 }
            for c in columns.indices { columns[c].numbers.reserveCapacity(lineBreaks + 1) }
            var lineOfRow: [Int32] = []
            lineOfRow.reserveCapacity(lineBreaks + 1)
            var textColumnsPending = false
            var rows = 0
            while pos < count {
                // skip blank lines
                if buf[pos] == 10 { pos += 1; line += 1; continue }
                if buf[pos] == 13 && pos + 1 < count && buf[pos + 1] == 10 { pos += 2; line += 1; continue }
                lineOfRow.append(Int32(line))
                var j = 0
                endOfRecord = false
                while !endOfRecord {
                    let (s, e, quoted, next, eor, lines) = field(buf, pos, count)
                    if j < index.count, index[j] >= 0 {
                        let c = index[j]
                        let v = number(buf, s, e)
                        columns[c].numbers.append(v.value)
                        if !v.ok && columns[c].firstText == nil {
                            columns[c].firstText = (.text(file: path, line: line, column: j + 1), text(buf, s, e, quoted))
                            textColumnsPending = true
                        }
                    }
                    j += 1
                    pos = next; endOfRecord = eor; line += lines
                }
                if j < header.count {
                    // short row: pad the missing trailing fields
                    for k in j..<header.count where index[k] >= 0 { columns[index[k]].numbers.append(.nan) }
                }
                rows += 1
            }
            if textColumnsPending {
                // Second pass for the columns that hold text: keep their strings.
                let textCols = Set(columns.indices.filter { columns[$0].firstText != nil })
                var texts = [Int: [String?]]()
                for c in textCols { texts[c] = []; texts[c]!.reserveCapacity(rows) }
                pos = 0
                if count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { pos = 3 }
                endOfRecord = false
                while !endOfRecord && pos < count { let f = field(buf, pos, count); pos = f.next; endOfRecord = f.eor }
                while pos < count {
                    if buf[pos] == 10 { pos += 1; continue }
                    if buf[pos] == 13 && pos + 1 < count && buf[pos + 1] == 10 { pos += 2; continue }
                    var j = 0
                    endOfRecord = false
                    while !endOfRecord {
                        let f = field(buf, pos, count)
                        if j < index.count, index[j] >= 0, textCols.contains(index[j]) {
                            let s = text(buf, f.start, f.end, f.quoted)
                            texts[index[j]]!.append(isMissingToken(s) ? nil : s)
                        }
                        j += 1
                        pos = f.next; endOfRecord = f.eor
                    }
                    for k in j..<max(j, header.count) where index[k] >= 0 && textCols.contains(index[k]) { texts[index[k]]!.append(nil) }
                }
                for (c, t) in texts { columns[c].texts = t }
            }
            var dict: [String: SurvivalTable.Column] = [:]
            for c in columns { dict[c.name] = c }
            return SurvivalTable(file: path, rowCount: rows, columns: dict, lineOfRow: lineOfRow)
        }
    }

    static func isMissingToken(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty || t == "NA" || t == "."
    }

    /// Scans one field from `pos`: content range, whether quoted, next position, end of record, newlines consumed.
    @inline(__always)
    static func field(_ b: UnsafeBufferPointer<UInt8>, _ pos: Int, _ count: Int)
        -> (start: Int, end: Int, quoted: Bool, next: Int, eor: Bool, lines: Int) {
        var p = pos
        if p < count && b[p] == 34 {   // quoted
            p += 1
            let start = p
            var lines = 0
            while p < count {
                if b[p] == 34 {
                    if p + 1 < count && b[p + 1] == 34 { p += 2; continue }
                    break
                }
                if b[p] == 10 { lines += 1 }
                p += 1
            }
            let end = p
            p += 1 // closing quote
            while p < count && b[p] != 44 && b[p] != 10 { p += 1 }   // ignore junk after the quote
            if p >= count { return (start, end, true, p, true, lines) }
            if b[p] == 44 { return (start, end, true, p + 1, false, lines) }
            return (start, end, true, p + 1, true, lines + 1)
        }
        let start = p
        while p < count {
            let c = b[p]
            if c == 44 { return (start, p, false, p + 1, false, 0) }
            if c == 10 {
                let e = (p > start && b[p - 1] == 13) ? p - 1 : p
                return (start, e, false, p + 1, true, 1)
            }
            p += 1
        }
        let e = (p > start && b[p - 1] == 13) ? p - 1 : p
        return (start, e, false, p, true, 0)
    }

    static func text(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ quoted: Bool) -> String {
        let str = String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
        return quoted ? str.replacingOccurrences(of: "\"\"", with: "\"") : str
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
