import Foundation

/// An output folder built beside its final place and swapped in at the end, so that a failed or
/// killed run leaves the previous folder complete and untouched.
///
/// The staging folder is `.<name>.partial-<pid>` in the same parent (same file system, so the
/// final step is a rename). On Linux the swap is one `renameat2(RENAME_EXCHANGE)`; elsewhere two
/// renames. Stale staging folders of dead processes are removed on the next run.
/// Example: `let f = try OutputFolder(final: out); …write into f.staging…; try f.commit()`.
public struct OutputFolder: Sendable {
    /// The folder the user asked for.
    public let final: URL
    /// Where this run writes.
    public let staging: URL

    /// Creates the (empty) staging folder beside `final`.
    public init(final: URL) throws(PipelineError) {
        let fm = FileManager.default
        let parent = final.deletingLastPathComponent()
        let name = final.lastPathComponent
        self.final = final
        self.staging = parent.appendingPathComponent(".\(name).partial-\(getpid())")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            OutputFolder.removeStale(parent: parent, name: name)
            if fm.fileExists(atPath: staging.path) { try fm.removeItem(at: staging) }
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .output(path: staging.path, reason: error.localizedDescription)
        }
    }

    /// Swaps the staging folder in place of `final` and deletes the previous contents.
    public func commit() throws(PipelineError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: final.path) {
            if OutputFolder.exchange(staging.path, final.path) {
                try? fm.removeItem(at: staging)   // now holds the previous outputs
                return
            }
            // Fallback: move the old folder aside, move the new one in, delete the old one.
            let old = final.deletingLastPathComponent().appendingPathComponent(".\(final.lastPathComponent).old-\(getpid())")
            guard rename(final.path, old.path) == 0 else { throw .output(path: final.path, reason: String(cString: strerror(errno))) }
            guard rename(staging.path, final.path) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(old.path, final.path)
                throw .output(path: final.path, reason: reason)
            }
            try? fm.removeItem(at: old)
        } else {
            guard rename(staging.path, final.path) == 0 else { throw .output(path: final.path, reason: String(cString: strerror(errno))) }
        }
    }

    /// Removes the staging folder (after a failure).
    public func discard() { try? FileManager.default.removeItem(at: staging) }

    /// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`); false when unsupported.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "renameat2") else { return false }
        let f = unsafeBitCast(sym, to: RenameAt2.self)
        let atCWD: Int32 = -100          // AT_FDCWD
        let exchangeFlag: UInt32 = 2     // RENAME_EXCHANGE
        return f(atCWD, a, atCWD, b, exchangeFlag) == 0
        #else
        return false
        #endif
    }

    /// Deletes `.<name>.partial-<pid>` and `.<name>.old-<pid>` folders whose process is gone.
    static func removeStale(parent: URL, name: String) {
        let fm = FileManager.default
        guard let items = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for item in items {
            for prefix in [".\(name).partial-", ".\(name).old-"] where item.hasPrefix(prefix) {
                guard let pid = Int32(item.dropFirst(prefix.count)) else { continue }
                if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                    try? fm.removeItem(at: parent.appendingPathComponent(item))
                }
            }
        }
    }
}
