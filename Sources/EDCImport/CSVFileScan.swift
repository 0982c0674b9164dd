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
}
