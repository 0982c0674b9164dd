#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TrialCore

/// A streaming RFC 4180 CSV reader that works on bytes and yields one record at a time.
///
/// Quoted fields may contain the delimiter, doubled quotes (`""` → `"`) and line breaks;
/// lines end with CRLF, LF or CR; a UTF-8 byte-order mark is skipped. Memory is one 1 MiB
/// buffer (grown only for a single record larger than that). Line numbers are 1-based and
/// count physical lines; columns in error locations count characters from 1.
///
/// ```swift
/// let reader = try CSVReader(path: "dm.csv", options: CSVOptions(delimiter: .semicolon))
/// print(reader.header ?? [])
/// while let record = try reader.next() { print(record.line, record.fields) }
/// ```
public final class CSVReader {
    /// The file name used in every diagnostic.
    public let file: String
    /// The options the file is read with.
    public let options: CSVOptions
    /// The header row's fields when `options.hasHeader` is true.
    public private(set) var header: [String]?
    /// 1-based line number of the header row (1 unless blank lines precede it).
    public private(set) var headerLine: Int = 0
    /// Warnings collected so far (ragged rows when `options.raggedRows == .report`).
    public private(set) var diagnostics: [Diagnostic] = []

    private let input: FileInput
    private let delimiter: UInt8
    private var position = 0
    private var line = 1
    private var expectedFieldCount: Int?
    private var scratch: [UInt8] = []
    private var row = CSVRow()
    /// 1 for the bytes that end an unquoted field (delimiter, quote, CR, LF), else 0.
    private let stops: [UInt8]

    private static let quote: UInt8 = 0x22
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    /// Opens `path` and reads the header row (when `options.hasHeader`).
    ///
    /// Throws an `InputError` when the file cannot be opened, is empty although a header is
    /// expected, or its header suggests another delimiter than the declared one.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws(InputError) {
        let input = try FileInput(path: path)
        try self.init(input: input, options: options)
    }

    /// Opens `path` with a given buffer size (tests use tiny buffers to cross chunk edges).
    convenience init(path: String, options: CSVOptions, chunkSize: Int) throws(InputError) {
        try self.init(input: FileInput(path: path, chunkSize: chunkSize), options: options)
    }

    /// Reads CSV from bytes in memory; `name` stands for the file in diagnostics.
    public convenience init(bytes: [UInt8], name: String,
                            options: CSVOptions = CSVOptions()) throws(InputError) {
        try self.init(input: FileInput(bytes: bytes, name: name), options: options)
    }

    private init(input: FileInput, options: CSVOptions) throws(InputError) {
        self.input = input
        self.file = input.name
        self.options = options
        self.delimiter = options.delimiter.rawValue
        var stops = [UInt8](repeating: 0, count: 256)
        for b in [options.delimiter.rawValue, CSVReader.quote, CSVReader.lf, CSVReader.cr] { stops[Int(b)] = 1 }
        self.stops = stops
        try input.start()
        position += try input.ensure(3, at: 0, keepFrom: 0)
        if input.count >= 3, input.bytes[0] == 0xEF, input.bytes[1] == 0xBB, input.bytes[2] == 0xBF {
            if options.encoding == .latin1 {
                throw InputError(at: .text(file: file, line: 1, column: 1),
                                 "file starts with a UTF-8 byte-order mark but was declared Latin-1",
                                 expected: "encoding utf8")
            }
            position = 3
        }
        guard options.hasHeader else { return }
        guard try readRecord(into: &row) else {
            throw InputError(at: .file(file), "empty CSV file: no header row",
                             expected: "a header row naming the columns")
        }
        let first = CSVRecord(fields: row.fields, line: row.line)
        header = first.fields
        headerLine = first.line
        expectedFieldCount = first.fields.count
        if first.fields.count == 1 {
            for other in CSVOptions.Delimiter.allCases where other != options.delimiter {
                if first.fields[0].utf8.contains(other.rawValue) {
                    throw InputError(at: .text(file: file, line: first.line, column: nil),
                                     "header has a single column but contains \(other.displayName): wrong delimiter?",
                                     value: first.fields[0],
                                     expected: "columns separated by the declared delimiter \(options.delimiter.displayName)")
                }
            }
        }
    }

    /// The next data record, or `nil` at the end of the file.
    ///
    /// Throws on malformed CSV (unbalanced quote, text after a closing quote, a quote inside
    /// an unquoted field), invalid UTF-8, and ragged rows when `options.raggedRows == .reject`.
    public func next() throws(InputError) -> CSVRecord? {
        guard try read(into: &row) else { return nil }
        return CSVRecord(fields: row.fields, line: row.line)
    }

    /// Reads the next data record into `row` (reusing its storage); false at the end of the
    /// file. The fastest way to read: no String is made until a field is asked for.
    ///
    /// Throws exactly as `next()` does.
    public func read(into row: inout CSVRow) throws(InputError) -> Bool {
        guard try readRecord(into: &row) else { return false }
        if let expected = expectedFieldCount {
            if row.count != expected {
                let what = options.hasHeader ? "the header has" : "the first row has"
                let d = Diagnostic(options.raggedRows == .reject ? .error : .warning,
                                   at: .text(file: file, line: row.line, column: nil),
                                   "ragged row: \(row.count) field\(row.count == 1 ? "" : "s") where \(what) \(expected)",
                                   expected: "\(expected) fields")
                if options.raggedRows == .reject { throw InputError(d) }
                diagnostics.append(d)
            }
        } else {
            expectedFieldCount = row.count
        }
        return true
    }

    /// Reads a whole file: the header (if any) and every record.
    public static func readAll(path: String, options: CSVOptions = CSVOptions())
        throws(InputError) -> (header: [String]?, records: [CSVRecord]) {
        let reader = try CSVReader(path: path, options: options)
        var records: [CSVRecord] = []
        while let r = try reader.next() { records.append(r) }
        return (reader.header, records)
    }

    // MARK: - Record scanner

    /// Scans one record starting at `position`. Indices are into `input.bytes`; every
    /// `refill` shifts them, so each call site subtracts the returned shift.
    private func readRecord(into row: inout CSVRow) throws(InputError) -> Bool {
        let q = CSVReader.quote, lf = CSVReader.lf, cr = CSVReader.cr, d = delimiter
        // Blank lines between records.
        while options.skipBlankLines {
            if position >= input.count {
                if input.eof { return false }
                position -= try input.refill(keepFrom: position)
                continue
            }
            let b = input.bytes[position]
            if b == lf { position += 1; line += 1; continue }
            if b == cr {
                position -= try input.ensure(2, at: position, keepFrom: position)
                position += 1
                if position < input.count && input.bytes[position] == lf { position += 1 }
                line += 1
                continue
            }
            break
        }
        if position >= input.count {
            position -= try input.ensure(1, at: position, keepFrom: position)
            if position >= input.count { return false }
        }

        var start = position
        let recordLine = line
        row.reset(line: recordLine)
        if try fastLine(into: &row) { return true }
        var i = position
        while true {
            if i >= input.count && !input.eof {
                let s = try input.refill(keepFrom: start); start -= s; i -= s
                continue
            }
            if i < input.count && input.bytes[i] == q {
                // Quoted field: find the closing quote, skipping doubled quotes.
                var j = i + 1
                var escaped = false
                while true {
                    let n = input.count
                    if j < n, let hit = memchr(input.bytes + j, Int32(q), n - j) {
                        j = input.bytes.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    } else {
                        j = n
                    }
                    if j >= n {
                        if input.eof { throw error(unterminatedAt: i, start: start, recordLine: recordLine) }
                        let s = try input.refill(keepFrom: start); start -= s; i -= s; j -= s
                        continue
                    }
                    if j + 1 >= input.count && !input.eof {
                        let s = try input.refill(keepFrom: start); start -= s; i -= s; j -= s
                        continue
                    }
                    if j + 1 < input.count && input.bytes[j + 1] == q { escaped = true; j += 2; continue }
                    break
                }
                let contentStart = i + 1
                try appendField(contentStart, j, unescape: escaped, start: start, recordLine: recordLine, to: &row)
                line += countLineFeeds(contentStart, j)
                let k = j + 1
                if k >= input.count { position = k; break }
                let b = input.bytes[k]
                if b == d { i = k + 1; continue }
                if b == lf { position = k + 1; line += 1; break }
                if b == cr {
                    let shift = try input.ensure(2, at: k, keepFrom: start)   // keep the record
                    start -= shift
                    position = k + 1 - shift
                    if position < input.count && input.bytes[position] == lf { position += 1 }
                    line += 1
                    break
                }
                throw error(afterQuoteAt: k, start: start, recordLine: recordLine)
            } else {
                // Unquoted field: up to the delimiter, a line break or the end of the file.
                var j = i
                var seen: UInt8 = 0          // OR of the field's bytes: < 0x80 means ASCII
                while true {
                    let p = input.bytes, n = input.count
                    stops.withUnsafeBufferPointer { stop in
                        while j < n {
                            let b = p[j]
                            if stop[Int(b)] != 0 { break }
                            seen |= b
                            j += 1
                        }
                    }
                    if j >= n && !input.eof {
                        let s = try input.refill(keepFrom: start); start -= s; i -= s; j -= s
                        continue
                    }
                    break
                }
                if j < input.count && input.bytes[j] == q {
                    throw error(quoteInUnquotedAt: j, fieldStart: i, start: start, recordLine: recordLine)
                }
                if seen < 0x80 {
                    row.appendInPlace(i - start, j - start)
                } else {
                    try appendField(i, j, unescape: false, start: start, recordLine: recordLine, to: &row)
                }
                if j >= input.count { position = j; break }
                let b = input.bytes[j]
                if b == d { i = j + 1; continue }
                if b == lf { position = j + 1; line += 1; break }
                // CR, alone or followed by LF.
                let shift = try input.ensure(2, at: j, keepFrom: start)       // keep the record
                start -= shift
                position = j + 1 - shift
                if position < input.count && input.bytes[position] == lf { position += 1 }
                line += 1
                break
            }
        }
        row.base = UnsafePointer(input.bytes + start)
        return true
    }

    /// Fast path for the common record: one line, ending in LF, with no quote and no CR
    /// inside, and valid UTF-8. The line is found with `memchr` and split at each delimiter
    /// with `memchr` (both vectorised in the C library). Returns false, having consumed
    /// nothing, when the record needs the general scanner.
    @inline(__always)
    private func fastLine(into row: inout CSVRow) throws(InputError) -> Bool {
        let p = input.bytes
        let n = input.count
        let start = position
        guard start < n, let lfHit = memchr(p + start, Int32(CSVReader.lf), n - start) else { return false }
        let end = p.distance(to: lfHit.assumingMemoryBound(to: UInt8.self))
        let lineBytes = UnsafeBufferPointer(start: p + start, count: end - start)
        if memchr(p + start, Int32(CSVReader.quote), end - start) != nil { return false }
        if memchr(p + start, Int32(CSVReader.cr), end - start) != nil { return false }
        if !UTF8Validation.isASCII(lineBytes), UTF8Validation.firstInvalidIndex(lineBytes) != nil || options.encoding != .utf8 {
            return false
        }
        let d = Int32(delimiter)
        var i = start
        while let hit = memchr(p + i, d, end - i) {
            let j = p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            row.appendInPlace(i - start, j - start)
            i = j + 1
        }
        row.appendInPlace(i - start, end - start)
        row.base = UnsafePointer(p + start)
        position = end + 1
        line += 1
        return true
    }

    /// Appends field `bytes[lo..<hi]` to `row` (doubled quotes collapsed when `unescape`),
    /// validating UTF-8 or transcoding a single-byte encoding. `start` is the record start.
    @inline(__always)
    private func appendField(_ lo: Int, _ hi: Int, unescape: Bool, start: Int, recordLine: Int,
                             to row: inout CSVRow) throws(InputError) {
        let raw = UnsafeBufferPointer(start: input.bytes + lo, count: hi - lo)
        if !UTF8Validation.isASCII(raw) {
            if options.encoding != .utf8 {
                let text = SingleByteText.string(unescape ? collapseQuotes(raw) : Array(raw), options.encoding)
                row.appendCopy(text.utf8)
                return
            }
            if let bad = UTF8Validation.firstInvalidIndex(raw) {
                throw error(invalidUTF8At: lo + bad, start: start, recordLine: recordLine)
            }
        }
        if unescape { row.appendCopy(collapseQuotes(raw)) } else { row.appendInPlace(lo - start, hi - start) }
    }

    private func collapseQuotes(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        scratch.removeAll(keepingCapacity: true)
        var k = 0
        while k < raw.count {
            let b = raw[k]
            scratch.append(b)
            k += (b == CSVReader.quote) ? 2 : 1
        }
        return scratch
    }

    private func countLineFeeds(_ lo: Int, _ hi: Int) -> Int {
        var n = 0
        var k = lo
        while k < hi, let hit = memchr(input.bytes + k, Int32(CSVReader.lf), hi - k) {
            n += 1
            k = input.bytes.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return n
    }

    // MARK: - Errors

    /// Line and character column (1-based) of buffer index `index` within the record that
    /// starts at `start` on line `recordLine`.
    private func lineAndColumn(_ index: Int, start: Int, recordLine: Int) -> (Int, Int) {
        var l = recordLine, lineStart = start
        for k in start..<index where input.bytes[k] == CSVReader.lf { l += 1; lineStart = k + 1 }
        var column = 1
        for k in lineStart..<index where input.bytes[k] & 0xC0 != 0x80 { column += 1 }
        return (l, column)
    }

    private func location(_ index: Int, start: Int, recordLine: Int) -> SourceLocation {
        let (l, c) = lineAndColumn(index, start: start, recordLine: recordLine)
        return .text(file: file, line: l, column: c)
    }

    private func error(unterminatedAt index: Int, start: Int, recordLine: Int) -> InputError {
        InputError(at: location(index, start: start, recordLine: recordLine),
                   "unbalanced quote: the quoted field opened here is never closed",
                   expected: "a closing '\"' before the end of the file")
    }

    private func error(afterQuoteAt index: Int, start: Int, recordLine: Int) -> InputError {
        InputError(at: location(index, start: start, recordLine: recordLine),
                   "unexpected text after a closing quote",
                   value: CSVReader.show(input.bytes[index]),
                   expected: "the delimiter \(options.delimiter.displayName) or the end of the line")
    }

    private func error(quoteInUnquotedAt index: Int, fieldStart: Int, start: Int,
                       recordLine: Int) -> InputError {
        let prefix = SingleByteText.string(UnsafeBufferPointer(start: input.bytes + fieldStart,
                                                                count: index - fieldStart + 1), .latin1)
        return InputError(at: location(index, start: start, recordLine: recordLine),
                          "quote character inside an unquoted field", value: prefix,
                          expected: "the whole field in quotes, with inner quotes doubled")
    }

    private func error(invalidUTF8At index: Int, start: Int, recordLine: Int) -> InputError {
        let offset = input.baseOffset + index
        let end = min(input.count, index + 4)
        var shown: [String] = []
        for k in index..<end {
            let b = input.bytes[k]
            if k > index && b < 0x80 { break }
            shown.append("0x" + String(b, radix: 16, uppercase: true))
        }
        let first = input.bytes[index]
        // A Latin-1 letter (0xA0–0xFF) not followed by a UTF-8 continuation byte.
        let next: UInt8? = index + 1 < input.count ? input.bytes[index + 1] : nil
        let looksLatin1 = first >= 0xA0 && (next.map { $0 & 0xC0 != 0x80 } ?? true)
        return InputError(at: location(index, start: start, recordLine: recordLine),
                          "invalid UTF-8 at byte offset \(offset)" + (looksLatin1 ? " (the file looks like Latin-1)" : ""),
                          value: shown.joined(separator: " "),
                          expected: "UTF-8 text, or declare the encoding latin1")
    }

    private static func show(_ b: UInt8) -> String {
        (0x20..<0x7F).contains(b) ? String(Character(Unicode.Scalar(b))) : "0x" + String(b, radix: 16, uppercase: true)
    }
}
