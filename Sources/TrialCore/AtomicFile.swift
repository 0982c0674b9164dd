import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader sees either the old file or the complete new one, never a
/// half-written file: write to a temporary name in the same folder, then `rename(2)`, which
/// atomically replaces an existing destination on POSIX file systems.
public enum AtomicFile {
    /// Moves `source` onto `destination`, replacing it atomically if it exists.
    /// Both paths must be on the same file system (use a temporary name in the same folder).
    public static func replace(_ destination: String, with source: String) throws(InputError) {
        if rename(source, destination) != 0 {
            let reason = String(cString: strerror(errno))
            throw InputError(at: .file(destination), "cannot move the new file into place: \(reason)",
                             value: source, expected: "a writable folder on the same file system")
        }
    }

    /// Writes `data` to `path` through a temporary file beside it and an atomic rename.
    public static func write(_ data: Data, to path: String) throws(InputError) {
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        do {
            try data.write(to: URL(fileURLWithPath: tmp))
        } catch {
            throw InputError(at: .file(path), "cannot write the file: \(error.localizedDescription)")
        }
        do {
            try replace(path, with: tmp)
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw error
        }
    }
}
