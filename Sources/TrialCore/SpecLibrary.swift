import Foundation
import Yams

/// All dataset specs and codelists under a specs folder (`specs/sdtm`, `specs/adam`, `specs/ct`).
///
/// Call: `let specs = try SpecLibrary.load(from: "specs")`, then `specs.dataset("AE")`,
/// `specs.codelist("SEX")`. A CT file holds `package:` (the CDISC CT package version followed)
/// and `codelists:` (a list of `Codelist`).
public struct SpecLibrary: Sendable, Hashable {
    /// Dataset specs by upper-case dataset name.
    public var datasets: [String: DatasetSpec]
    /// Codelists by id.
    public var codelists: [String: Codelist]
    /// CT package versions declared by the CT files, e.g. `SDTM CT 2024-03-29`.
    public var terminologyPackages: [String]

    /// Creates a library from specs and codelists.
    public init(datasets: [DatasetSpec] = [], codelists: [Codelist] = [], terminologyPackages: [String] = []) {
        self.datasets = Dictionary(datasets.map { ($0.name.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
        self.codelists = Dictionary(codelists.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.terminologyPackages = terminologyPackages
    }

    /// The spec of dataset `name` (case-insensitive), or `nil`.
    public func dataset(_ name: String) -> DatasetSpec? { datasets[name.uppercased()] }

    /// The codelist `id`, or `nil`.
    public func codelist(_ id: String) -> Codelist? { codelists[id] }

    /// Loads every `*.yaml` under `root/sdtm`, `root/adam` (dataset specs) and `root/ct`
    /// (codelists). Missing subfolders are skipped; a malformed file is an error naming it.
    public static func load(from root: String) throws(InputError) -> SpecLibrary {
        var lib = SpecLibrary()
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            throw InputError(at: .file(root), "specs folder not found", expected: "a folder with sdtm/, adam/, ct/")
        }
        for sub in ["sdtm", "adam"] {
            for file in yamlFiles(in: root + "/" + sub) {
                let spec = try decode(DatasetSpec.self, file: file)
                lib.datasets[spec.name.uppercased()] = spec
            }
        }
        for file in yamlFiles(in: root + "/ct") {
            let ct = try decode(TerminologyFile.self, file: file)
            if let p = ct.package, !lib.terminologyPackages.contains(p) { lib.terminologyPackages.append(p) }
            for c in ct.codelists { lib.codelists[c.id] = c }
        }
        return lib
    }

    /// Loads one dataset spec file.
    public static func loadDatasetSpec(file: String) throws(InputError) -> DatasetSpec {
        try decode(DatasetSpec.self, file: file)
    }

    struct TerminologyFile: Codable {
        var package: String?
        var codelists: [Codelist]
    }

    static func yamlFiles(in dir: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { dir + "/" + $0 }
    }

    /// Decodes a YAML file into `T`, turning I/O and decoding failures into an `InputError`
    /// that names the file (and the YAML line where Yams reports one).
    public static func decode<T: Decodable>(_ type: T.Type, file: String) throws(InputError) -> T {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw InputError(at: .file(file), "cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(at: .file(file), "file is not valid UTF-8")
        }
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let e as YamlError {
            throw InputError(at: .file(file), "malformed YAML: \(e)")
        } catch let e as DecodingError {
            throw InputError(at: .file(file), "YAML does not match the expected structure: \(describe(e))")
        } catch {
            throw InputError(at: .file(file), "cannot decode YAML: \(error)")
        }
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: [CodingKey]) -> String {
            c.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch e {
        case let .keyNotFound(k, ctx): return "missing key '\(k.stringValue)' at \(path(ctx.codingPath))"
        case let .typeMismatch(_, ctx): return "wrong type at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        case let .valueNotFound(_, ctx): return "missing value at \(path(ctx.codingPath))"
        case let .dataCorrupted(ctx): return "invalid value at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "\(e)"
        }
    }
}
