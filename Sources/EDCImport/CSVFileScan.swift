#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import DatasetIO
import Foundation
import TrialCore

/// One pass over one CSV export file through DatasetIO's zero-copy `CSVReader.read(into:)`:
/// the header is checked against the entity's mapped columns, then every data row, and every
/// row the CSV reader cannot read, is handed on in file order with its ordinal (0, 1, 2, …).
///
/// Planning (`Binder.planChunks`) and binding use this one scan, so row ordinals agree between
/// them. After an unreadable row, reading resumes on the line after the one the error is on.
struct CSVFileScan {
    /// What one step of the scan yields.
    enum Item {
        /// A data row (valid until the next step) and its 1-based line in the file.
        case row(line: Int, CSVRow)
        /// A row the CSV reader could not read, as a rejection, and the note saying where
        /// reading resumed (`nil` when nothing follows).
        case unreadable(Rejection, resumed: Diagnostic?)
    }

    /// Full path of the file.
    let path: String
    /// File name used in locations (e.g. `ae.csv`).
    let name: String
    /// The entity the file feeds.
    let entity: EntityMapping
    /// Reader options (from the mapping's CSV dialect).
    let options: CSVOptions
    /// The header's fields.
    let header: [String]
    /// Trimmed header name → first column index.
    let columnIndex: [String: Int]
    private let reader: CSVReader

    /// Opens `path` and checks that its header has every column the entity maps.
    init(path: String, name: String, entity: EntityMapping, options: CSVOptions) throws(InputError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(at: .file(path), "export file missing", value: name,
                             expected: "\(name) in the CSV export folder (the mapping's \(entity.entity.rawValue))")
        }
        do { reader = try CSVReader(path: path, options: options) } catch { throw Binder.relabel(error, name) }
        self.path = path
        self.name = name
        self.entity = entity
        self.options = options
        header = reader.header ?? []
        var index: [String: Int] = [:]
        for (i, h) in header.enumerated() where index[h] == nil { index[h.trimmingCharacters(in: .whitespaces)] = i }
        columnIndex = index
        let missing = entity.csvColumns.filter { index[$0] == nil }
        if !missing.isEmpty {
            throw InputError(at: .text(file: name, line: reader.headerLine, column: nil),
                             "header lacks mapped column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))",
                             value: header.joined(separator: options.delimiter == .tab ? "\t" : String(UnicodeScalar(options.delimiter.rawValue))),
                             expected: "the columns \(entity.csvColumns.joined(separator: ", "))")
        }
    }

    /// The column index of a single-column field (its `column`, else its field name).
    func column(of f: FieldMapping) -> Int? { columnIndex[f.column ?? f.field] }

    /// Calls `body` with each row's ordinal and item, in file order.
    func forEach(_ body: (_ ordinal: Int, _ item: Item) throws(InputError) -> Void) throws(InputError) {
        var current = reader
        var lineOffset = 0
        var fileBytes: [UInt8]? = nil
        var row = CSVRow()
        var ordinal = 0
        while true {
            let more: Bool
            do {
                more = try current.read(into: &row)
            } catch {
                let d = Binder.relabel(error, name).diagnostics[0]
                let rejection = Rejection(entity: entity.entity, location: Binder.shift(d.location, by: lineOffset),
                                          reason: "unreadable CSV row: " + d.message, value: d.value, expected: d.expected)
                // Resume on the line after the one the error is on.
                var resumed: Diagnostic? = nil
                var next: CSVReader? = nil
                if case let .text(_, errLine, _) = d.location {
                    let resumeLine = errLine + lineOffset + 1
                    if fileBytes == nil { fileBytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
                    if let bytes = fileBytes, let start = Binder.offset(ofLine: resumeLine, in: bytes) {
                        var o = options
                        o.hasHeader = false
                        if let r = try? CSVReader(bytes: Array(bytes[start...]), name: name, options: o) {
                            next = r
                            lineOffset = resumeLine - 1
                            resumed = Diagnostic(.note, at: .text(file: name, line: resumeLine, column: nil),
                                                 "reading resumes here after an unreadable row")
                        }
                    }
                }
                try body(ordinal, .unreadable(rejection, resumed: resumed))
                ordinal += 1
                guard let next else { break }
                current = next
                continue
            }
            guard more else { break }
            try body(ordinal, .row(line: row.line + lineOffset, row))
            ordinal += 1
        }
    }

    /// Calls `body` with each row of the runs of `chunk` only, read from where they start in the
    /// file (the other runs' bytes are never parsed). `rowCount` is the file's planned row count.
    /// Returns false, having called nothing, when the file has a carriage return not followed by
    /// a line feed (its line numbers cannot be found by counting line feeds; read it whole).
    /// Throws when the rows differ from the planned ones.
    func forEach(runs: [CSVChunkPlan.Run], chunk: UInt32, rowCount: Int,
                 _ body: (_ ordinal: Int, _ item: Item) throws(InputError) -> Void) throws(InputError) -> Bool {
        let wanted = runs.indices.filter { runs[$0].chunk == chunk }
        if wanted.isEmpty { return true }
        // Byte offsets of the lines where the wanted runs start and end.
        var needed = Set<Int>()
        for i in wanted {
            needed.insert(runs[i].line)
            if i + 1 < runs.count { needed.insert(runs[i + 1].line) }
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(at: .file(name), "cannot open file: " + String(cString: strerror(errno))) }
        defer { close(fd) }
        guard let offsets = Self.lineOffsets(fd, needed.sorted()) else { return false }
        let size = Int(lseek(fd, 0, SEEK_END))
        var o = options
        o.hasHeader = false
        for i in wanted {
            let run = runs[i]
            let next = i + 1 < runs.count ? runs[i + 1] : nil
            guard let start = offsets[run.line], let end = next.map({ offsets[$0.line] }) ?? size, end >= start else {
                throw Binder.changedSincePlanning(name)
            }
            var bytes = [UInt8](repeating: 0, count: end - start)
            let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, end - start, off_t(start)) }
            guard got == end - start else { throw Binder.changedSincePlanning(name) }
            let count = (next?.firstRow ?? rowCount) - run.firstRow
            var k = 0
            var row = CSVRow()
            do {
                let reader = try CSVReader(bytes: bytes, name: name, options: o)
                while try reader.read(into: &row) {
                    let line = row.line + run.line - 1
                    guard k < count, k > 0 || line == run.line else { throw Binder.changedSincePlanning(name) }
                    try body(run.firstRow + k, .row(line: line, row))
                    k += 1
                }
            } catch {
                throw Binder.changedSincePlanning(name)
            }
            guard k == count else { throw Binder.changedSincePlanning(name) }
        }
        return true
    }

    /// Byte offset of each of the 1-based `lines` (ascending), counting line feeds from the start
    /// of the file and stopping after the last; `nil` when a carriage return not followed by a
    /// line feed comes first (the CSV reader counts it as a line end).
    static func lineOffsets(_ fd: Int32, _ lines: [Int]) -> [Int: Int]? {
        var out: [Int: Int] = [:]
        guard let last = lines.last else { return out }
        var j = 0
        var line = 1
        if lines[0] == 1 { out[1] = 0; j = 1 }
        let block = 1 << 22
        var buffer = [UInt8](repeating: 0, count: block + 1)
        var base = 0            // file offset of buffer[0]
        var pendingCR = false   // the previous block ended with a carriage return
        while line < last {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, block, off_t(base)) }
            if n <= 0 { break }
            let ok = buffer.withUnsafeBufferPointer { b -> Bool in
                guard let p = b.baseAddress else { return false }
                if pendingCR && p[0] != 0x0A { return false }
                // Every carriage return must be followed by a line feed.
                var k = 0
                while k < n, let hit = memchr(p + k, 0x0D, n - k) {
                    let at = p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if at + 1 < n { if p[at + 1] != 0x0A { return false } } else if n < block { return false }
                    k = at + 1
                }
                pendingCR = p[n - 1] == 0x0D
                k = 0
                while line < last, k < n, let hit = memchr(p + k, 0x0A, n - k) {
                    let at = p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    line += 1
                    if j < lines.count && lines[j] == line { out[line] = base + at + 1; j += 1 }
                    k = at + 1
                }
                return true
            }
            if !ok { return nil }
            base += n
        }
        return out
    }
}
