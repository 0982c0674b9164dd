import EDCImport
import Foundation
import StudyModel
import TrialCore

/// Writes a simulated study as a study folder that `trialdata import` reads:
/// `study.yaml`, `export/csv/*.csv`, `export/odm/crlm.xml` and `truth.json`.
///
/// ```swift
/// let mapping = try StudyMapping.load(directory: "mappings/crlm")
/// let written = try StudyFolderWriter(mapping: mapping, mappingDirectory: "mappings/crlm")
///     .write(study, to: "out", format: .both)
/// ```
public struct StudyFolderWriter: Sendable {
    /// The mapping the exports invert.
    public var mapping: StudyMapping
    /// Folder of the mapping, written into `study.yaml` (relative to the study folder when possible).
    public var mappingDirectory: String
    /// Name of the ODM file under `export/odm/`.
    public var odmFileName: String

    /// A writer for `mapping`, found at `mappingDirectory`.
    public init(mapping: StudyMapping, mappingDirectory: String, odmFileName: String = "crlm.xml") {
        self.mapping = mapping
        self.mappingDirectory = mappingDirectory
        self.odmFileName = odmFileName
    }

    /// What was written.
    public struct Written: Sendable, Hashable {
        /// CSV file names under `export/csv/`.
        public var csvFiles: [String]
        /// Path of the ODM file, if written.
        public var odmFile: String?
        /// The ODM writer's realism report, if written.
        public var odm: ODMExportSummary?
    }

    /// Writes the folder; every file goes through a temporary name.
    @discardableResult
    public func write(_ study: SimulatedStudy, to directory: String, format: ExportFormat) throws(SimulationError) -> Written {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw .cannotWrite(path: directory, reason: "\(error)")
        }
        func path(_ p: String) -> String { (directory as NSString).appendingPathComponent(p) }
        var written = Written(csvFiles: [], odmFile: nil, odm: nil)
        // CSV and ODM are written at the same time (independent files).
        enum Output: Sendable { case csv([String]), odm(ODMExportSummary), failed(SimulationError), skipped }
        let mapping = self.mapping, data = study.data, odmFile = path("export/odm/" + odmFileName), csvDir = path("export/csv")
        let outputs = ParallelSlots.run(2) { i -> Output in
            do throws(SimulationError) {
                if i == 0 {
                    guard format.includesCSV else { return .skipped }
                    return .csv(try CSVExportWriter(mapping: mapping).write(data, to: csvDir))
                }
                guard format.includesODM else { return .skipped }
                return .odm(try ODMExportWriter(mapping: mapping).write(data, to: odmFile))
            } catch {
                return .failed(error)
            }
        }
        for o in outputs {
            switch o {
            case .csv(let files): written.csvFiles = files
            case .odm(let summary): written.odm = summary; written.odmFile = odmFile
            case .failed(let e): throw e
            case .skipped: break
            }
        }
        try AtomicFileWriter.write(study.truth.jsonData(), to: path("truth.json"))
        let yaml = """
        # Simulated study folder written by `trialdata simulate` (see truth.json for the true models).
        study: \(mapping.study)
        mapping: \(Self.relativePath(from: directory, to: mappingDirectory))
        export:
        \(format.includesCSV ? "  csv: export/csv\n" : "")\(format.includesODM ? "  odm: export/odm/\(odmFileName)\n" : "")
        """
        try AtomicFileWriter.write(Data(yaml.utf8), to: path("study.yaml"))
        return written
    }

    /// `to` relative to the folder `from` when both are under one root, else `to` made absolute.
    static func relativePath(from: String, to: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ p: String) -> [String] {
            let a = p.hasPrefix("/") ? p : (cwd as NSString).appendingPathComponent(p)
            return (a as NSString).standardizingPath.split(separator: "/").map(String.init)
        }
        let f = absolute(from), t = absolute(to)
        var common = 0
        while common < f.count, common < t.count, f[common] == t[common] { common += 1 }
        guard common > 0 else { return "/" + t.joined(separator: "/") }
        let up = Array(repeating: "..", count: f.count - common)
        let rest = Array(t[common...])
        let parts = up + rest
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
