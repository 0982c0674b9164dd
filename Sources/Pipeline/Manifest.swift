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
        // Files are hashed on every core; the entries keep the sorted path order.
        let sorted = paths
        let results = ParallelSlots.run(sorted.count) { k in
            Result { () throws(PipelineError) in try entry(root.appendingPathComponent(sorted[k]), path: sorted[k]) }
        }
        var out: [Entry] = []
        for r in results { out.append(try r.get()) }
        return out
    }

    /// The entry of one file.
    public static func entry(_ url: URL, path: String) throws(PipelineError) -> Entry {
        // Stream the file in 4 MiB reads (outputs of a large study are gigabytes).
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw .output(path: url.path, reason: "cannot open for reading: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var h = SHA256()
        var bytes = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 22)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .output(path: url.path, reason: "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes += n
            buffer.withUnsafeBytes { h.update(buffer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
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
