import Foundation
import TrialCore

/// A study folder's `study.yaml`: which mapping and which exports belong to the study.
///
/// ```yaml
/// study: CRLM-LOCAL
/// mapping: ../../mappings/crlm        # folder holding import.yaml
/// export:
///   csv: export/csv                   # folder with dm.csv, ae.csv, …
///   odm: export/odm/crlm.xml          # one ODM 1.3.2 file
/// specs: ../../specs
/// ```
/// Paths are relative to the folder holding `study.yaml`; `load` resolves them.
public struct StudyDirectory: Sendable, Hashable, Codable {
    /// Export locations.
    public struct Export: Sendable, Hashable, Codable {
        /// Folder of the CSV export, if the study has one.
        public var csv: String?
        /// ODM file, if the study has one.
        public var odm: String?

        /// Creates export locations.
        public init(csv: String?, odm: String?) {
            self.csv = csv
            self.odm = odm
        }
    }

    /// Study id (informational; the mapping's `study` is what the Binder writes).
    public var study: String
    /// Mapping folder.
    public var mapping: String
    /// Export locations.
    public var export: Export
    /// Specs folder, if given.
    public var specs: String?

    /// Creates a study directory description (paths as given).
    public init(study: String, mapping: String, export: Export, specs: String? = nil) {
        self.study = study
        self.mapping = mapping
        self.export = export
        self.specs = specs
    }

    /// The specs folder: `specs:` from study.yaml, else the `specs` folder two levels above the
    /// mapping folder (`mappings/<study>/../../specs`, the repository layout).
    public var specsFolder: String {
        specs ?? ((mapping as NSString).appendingPathComponent("../../specs") as NSString).standardizingPath
    }

    /// Reads `directory/study.yaml` and returns it with every path made absolute
    /// (relative to `directory`).
    public static func load(directory: String) throws(InputError) -> StudyDirectory {
        let file = (directory as NSString).appendingPathComponent("study.yaml")
        guard FileManager.default.fileExists(atPath: file) else {
            throw InputError(at: .file(file), "no study.yaml in the study folder", value: directory,
                             expected: "a folder with study.yaml (study, mapping, export: {csv, odm})")
        }
        var s = try SpecLibrary.decode(StudyDirectory.self, file: file)
        let base = (directory as NSString).standardizingPath
        func resolve(_ p: String) -> String {
            p.hasPrefix("/") ? p : ((base as NSString).appendingPathComponent(p) as NSString).standardizingPath
        }
        s.mapping = resolve(s.mapping)
        s.export.csv = s.export.csv.map(resolve)
        s.export.odm = s.export.odm.map(resolve)
        s.specs = s.specs.map(resolve)
        return s
    }
}
