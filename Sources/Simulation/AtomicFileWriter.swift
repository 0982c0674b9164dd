import Foundation
import TrialCore

/// Streams bytes to `path.partial` through a 1 MiB buffer and renames it to `path` on
/// `commit()`: a failed or killed run never leaves a half-written file under the final name.
public struct AtomicFileWriter: ~Copyable {
    /// Final path.
    public let path: String
    private let partialPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    /// Creates (or truncates) `path.partial`.
    public init(path: String) throws(SimulationError) {
        self.path = path
        partialPath = path + ".partial"
        guard FileManager.default.createFile(atPath: partialPath, contents: nil),
              let h = FileHandle(forWritingAtPath: partialPath) else {
            throw SimulationError.cannotWrite(path: path, reason: "cannot create \(partialPath)")
        }
        handle = h
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends UTF-8 text.
    public mutating func write(_ s: String) throws(SimulationError) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends raw bytes.
    public mutating func write(bytes: [UInt8]) throws(SimulationError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends raw bytes without a flush check (callers write small pieces and then text).
    mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    /// Appends raw bytes from a slice.
    public mutating func write(slice bytes: ArraySlice<UInt8>) throws(SimulationError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private mutating func flush() throws(SimulationError) {
        do { try handle.write(contentsOf: buffer) } catch {
            throw SimulationError.cannotWrite(path: path, reason: "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the partial file to its final name.
    public consuming func commit() throws(SimulationError) {
        try flush()
        do {
            try handle.close()
        } catch {
            throw SimulationError.cannotWrite(path: path, reason: "\(error)")
        }
        // rename(2) replaces an existing file atomically: no moment without a complete file.
        do {
            try AtomicFile.replace(path, with: partialPath)
        } catch {
            throw SimulationError.cannotWrite(path: path, reason: error.description)
        }
    }

    /// Closes and deletes the partial file (after an error).
    public consuming func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partialPath)
    }

    /// Writes `data` to `path` atomically in one go.
    public static func write(_ data: Data, to path: String) throws(SimulationError) {
        var w = try AtomicFileWriter(path: path)
        try w.write(bytes: [UInt8](data))
        try w.commit()
    }
}
