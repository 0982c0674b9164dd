import EDCImport
import Foundation
import StudyModel
import TrialCore

/// Writes a study as an EDC flat export: one CSV file per form (`dm.csv`, `ae.csv`, …), columns
/// and codes as the study mapping names them, dates in the mapping's layout (`15-MAR-2021`,
/// `UN-MAR-2021`), RFC 4180 quoting, CRLF line ends.
///
/// ```swift
/// try CSVExportWriter(mapping: mapping).write(study.data, to: "out/export/csv")
/// ```
public struct CSVExportWriter: Sendable {
    /// The study mapping the export must bind back through.
    public var mapping: StudyMapping

    /// A writer for `mapping`.
    public init(mapping: StudyMapping) { self.mapping = mapping }

    /// Writes every mapped entity of `data` into `directory` (created if missing); each file is
    /// written under a temporary name and renamed. Returns the file names written.
    @discardableResult
    public func write(_ data: StudyData, to directory: String) throws(SimulationError) -> [String] {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw .cannotWrite(path: directory, reason: "\(error)")
        }
        guard let delimiter = mapping.csv.delimiterByte.map({ Character(Unicode.Scalar($0)) }) else {
            throw .invalidInput(what: "CSV delimiter '\(mapping.csv.delimiter)'", expected: ", ; tab or |")
        }
        let encoder = FieldEncoder(csvDateFormat: mapping.csv.dateFormat.format)
        var written: [String] = []
        for entity in mapping.entities {
            let path = (directory as NSString).appendingPathComponent(entity.csv)
            var w = try AtomicFileWriter(path: path)
            do {
                try w.write(Self.line(entity.csvColumns, delimiter))
                for i in 0..<ExportRecord.count(of: entity.entity, in: data) {
                    let r = ExportRecord.record(of: entity.entity, at: i, in: data)
                    try w.write(Self.line(try Self.cells(r, entity, encoder), delimiter))
                }
            } catch {
                w.abandon()
                throw error
            }
            try w.commit()
            written.append(entity.csv)
        }
        return written
    }

    /// The cells of one record in `entity.csvColumns` order (`nil` = blank).
    static func cells(_ r: ExportRecord, _ entity: EntityMapping, _ encoder: FieldEncoder) throws(SimulationError) -> [String?] {
        var out: [String?] = []
        for f in entity.fields {
            let v = r.fields[f.field] ?? .none
            if let l = f.list { out += try encoder.list(v, f, l) }
            else if f.column != nil { out.append(try encoder.scalar(v, f, odm: false)) }
        }
        return out
    }

    /// One CSV line with RFC 4180 quoting (fields holding the delimiter, a quote, CR or LF are
    /// quoted, quotes doubled), ended by CRLF.
    static func line(_ cells: [String?], _ delimiter: Character) -> String {
        let delimiterByte = delimiter.asciiValue ?? 44
        var s = ""
        s.reserveCapacity(cells.count * 8)
        for (i, c) in cells.enumerated() {
            if i > 0 { s.append(delimiter) }
            guard let c else { continue }
            if c.utf8.contains(where: { $0 == delimiterByte || $0 == 34 || $0 == 10 || $0 == 13 }) {
                s += "\"" + c.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            } else {
                s += c
            }
        }
        return s + "\r\n"
    }
}
