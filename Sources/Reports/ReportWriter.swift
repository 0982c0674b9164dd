import Foundation
import Analysis

/// Writes the report bundle into a folder: `report.html`, `tables/<id>.csv`, `figures/<id>.svg`.
/// Each file is written to a temporary name and renamed, so a reader never sees half a file.
///
/// Example: `try ReportWriter.write(results, to: URL(fileURLWithPath: "out"))`.
public enum ReportWriter {
    /// An output that could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The path.
        public let path: String
        /// The system's reason.
        public let reason: String
        /// `path: cannot write (reason)`.
        public var description: String { "\(path): cannot write (\(reason))" }
    }

    /// Writes the bundle; returns the paths written, relative to `directory`.
    @discardableResult
    public static func write(_ results: Results, to directory: URL, bands: Bool = true) throws(WriteError) -> [String] {
        let report = HTMLReport(results: results, bands: bands)
        var written: [String] = []
        try writeAtomically(Data(report.html.utf8), to: directory.appendingPathComponent("report.html"))
        written.append("report.html")
        for t in ReportTables.all(results) {
            try writeAtomically(Data(t.csv.utf8), to: directory.appendingPathComponent("tables/\(t.id).csv"))
            written.append("tables/\(t.id).csv")
        }
        for f in report.figures {
            try writeAtomically(Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + f.svg).utf8),
                                to: directory.appendingPathComponent("figures/\(f.id).svg"))
            written.append("figures/\(f.id).svg")
        }
        return written
    }

    /// Writes `data` to a temporary file beside `url` and renames it over `url` (creating folders).
    public static func writeAtomically(_ data: Data, to url: URL) throws(WriteError) {
        let fm = FileManager.default
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            try data.write(to: tmp)
            if rename(tmp.path, url.path) != 0 {
                throw WriteError(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch let e as WriteError {
            try? fm.removeItem(at: tmp)
            throw e
        } catch {
            try? fm.removeItem(at: tmp)
            throw WriteError(path: url.path, reason: error.localizedDescription)
        }
    }
}
