#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TrialCore

/// A buffered output file written to a temporary name beside the target and renamed into
/// place by `commit()`, so a failed write never leaves a half-written file behind.
///
/// If the object is released without `commit()`, the temporary file is removed.
final class FileOutput {
    /// The final path.
    let path: String
    private let temporaryPath: String
    private var fd: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private let capacity: Int
    private var committed = false
    /// Bytes written so far (buffered or flushed).
    private(set) var bytesWritten = 0

    /// Creates `path`'s temporary sibling for writing.
    init(path: String, bufferSize: Int = 1 << 20) throws(InputError) {
        self.path = path
        let pid = getpid()
        temporaryPath = path + ".tmp-\(pid)-\(UInt32.random(in: 0...UInt32.max))"
        let f = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if f < 0 {
            let reason = String(cString: strerror(errno))
            throw InputError(at: .file(path), "cannot create file: \(reason)")
        }
        fd = f
        capacity = bufferSize
        buffer = .allocate(capacity: bufferSize)
    }

    deinit {
        buffer.deallocate()
        if fd >= 0 { close(fd) }
        if !committed { unlink(temporaryPath) }
    }

    /// Appends bytes.
    @inline(__always)
    func write(_ bytes: UnsafeRawBufferPointer) throws(InputError) {
        if count + bytes.count > capacity {
            try flush()
            if bytes.count > capacity { try writeAll(bytes); return }
        }
        if let base = bytes.baseAddress {
            (buffer + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        count += bytes.count
        bytesWritten += bytes.count
    }

    /// Appends bytes.
    @inline(__always)
    func write(_ bytes: [UInt8]) throws(InputError) {
        var failure: InputError?
        bytes.withUnsafeBytes { b in
            do throws(InputError) { try write(b) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Appends the UTF-8 bytes of a string.
    @inline(__always)
    func write(_ s: String) throws(InputError) {
        var s = s
        var failure: InputError?
        s.withUTF8 { b in
            do throws(InputError) { try write(UnsafeRawBufferPointer(b)) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Appends one byte.
    @inline(__always)
    func write(byte: UInt8) throws(InputError) {
        if count == capacity { try flush() }
        buffer[count] = byte
        count += 1
        bytesWritten += 1
    }

    /// Appends `n` copies of `byte`.
    func write(repeating byte: UInt8, count n: Int) throws(InputError) {
        var left = n
        while left > 0 {
            if count == capacity { try flush() }
            let k = min(left, capacity - count)
            (buffer + count).update(repeating: byte, count: k)
            count += k
            left -= k
            bytesWritten += k
        }
    }

    /// Writes the buffered bytes to the file.
    func flush() throws(InputError) {
        if count > 0 {
            try writeAll(UnsafeRawBufferPointer(start: buffer, count: count))
            count = 0
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(InputError) {
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc_write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw InputError(at: .file(path), "cannot write file: \(reason)")
            }
            p += n
            left -= n
        }
    }

    /// Flushes, closes and renames the temporary file to `path`.
    func commit() throws(InputError) {
        try flush()
        close(fd)
        fd = -1
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            throw InputError(at: .file(path), "cannot rename temporary file into place: \(reason)")
        }
        committed = true
    }
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}
