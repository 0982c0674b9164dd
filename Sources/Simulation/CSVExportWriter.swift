import DatasetIO
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
        guard let delimiter = mapping.csv.delimiterByte.flatMap(CSVOptions.Delimiter.init(rawValue:)) else {
            throw .invalidInput(what: "CSV delimiter '\(mapping.csv.delimiter)'", expected: ", ; tab or |")
        }
        let encoder = FieldEncoder(csvDateFormat: mapping.csv.dateFormat.format)
        var written: [String] = []
        for entity in mapping.entities {
            let path = (directory as NSString).appendingPathComponent(entity.csv)
            // DatasetIO's RFC 4180 writer: quotes only where needed, temporary name then rename.
            let w: CSVWriter
            do { w = try CSVWriter(path: path, delimiter: delimiter, lineEnding: .crlf) } catch {
                throw .cannotWrite(path: path, reason: error.description)
            }
            do {
                try w.write(entity.csvColumns)
                for i in 0..<ExportRecord.count(of: entity.entity, in: data) {
                    let r = ExportRecord.record(of: entity.entity, at: i, in: data)
                    let cells = try Self.cells(r, entity, encoder).map { $0 ?? "" }
                    try w.write(cells)
                }
                try w.finish()
            } catch let e as SimulationError {
                throw e
            } catch let e as InputError {
                throw .cannotWrite(path: path, reason: e.description)
            } catch {
                throw .cannotWrite(path: path, reason: "\(error)")
            }
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
}
