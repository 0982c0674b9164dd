import Foundation
import TrialCore

/// `manifest.json` of a run: every output file with its size and SHA-256, the inputs' hashes
/// and the tool version. No time stamps, so the same inputs give the same manifest.
public struct Manifest: Sendable, Codable, Equatable {
    /// One file and its digest.
    public struct Entry: Sendable, Codable, Equatable {
        /// Path relative to the output (or study) folder, `/`-separated.
        public var path: String
        /// Size in bytes.
        public var bytes: Int
        /// Lower-case hex SHA-256.
        public var sha256: String
    }

    /// `TrialData 0.1.0`.
    public var tool: String
    /// The study folder as given.
    public var study: String
    /// `csv` or `odm`.
    public var source: String
    /// Input files (export, mappings, specs) relative to the study folder / repository.
    public var inputs: [Entry]
    /// Output files relative to the output folder (manifest.json itself excluded).
    public var outputs: [Entry]

    /// Hashes every regular file under `root` (sorted by path), skipping `exclude`.
    public static func entries(under root: URL, exclude: Set<String> = []) throws(PipelineError) -> [Entry] {
        let fm = FileManager.default
        guard let e = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw .output(path: root.path, reason: "cannot list the folder")
        }
        var paths: [String] = []
        let base = root.standardizedFileURL.path
        for case let url as URL in e {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var rel = url.standardizedFileURL.path
            if rel.hasPrefix(base + "/") { rel.removeFirst(base.count + 1) }
            if !exclude.contains(rel) { paths.append(rel) }
        }
        paths.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var out: [Entry] = []
        for p in paths { out.append(try entry(root.appendingPathComponent(p), path: p)) }
        return out
    }

    /// The entry of one file.
    public static func entry(_ url: URL, path: String) throws(PipelineError) -> Entry {
        // Stream the file in 1 MiB chunks (outputs of a large study are gigabytes).
        guard let fh = FileHandle(forReadingAtPath: url.path) else { throw .output(path: url.path, reason: "cannot open for reading") }
        defer { try? fh.close() }
        var h = SHA256()
        var bytes = 0
        while true {
            let chunk: Data
            do { chunk = try fh.read(upToCount: 1 << 20) ?? Data() } catch { throw .output(path: url.path, reason: error.localizedDescription) }
            if chunk.isEmpty { break }
            bytes += chunk.count
            chunk.withUnsafeBytes { h.update(buffer: $0) }
        }
        return Entry(path: path, bytes: bytes, sha256: SHA256.hexString(h.finalize()))
    }

    /// Pretty, key-sorted JSON.
    public func jsonData() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? e.encode(self)) ?? Data()
    }
}
