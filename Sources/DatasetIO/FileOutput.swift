#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TrialCore

/// A buffered output file written to a hidden temporary name beside the target
/// (`.<name>.tmp-<pid>-<random>`) and renamed into place by `commit()`, so a failed write never
/// leaves a half-written file behind.
///
/// If the object is released without `commit()`, the temporary file is removed. A scratch
/// file (`scratchBeside:`) is unlinked as soon as it is opened — nothing of it is left even
/// when the process is killed — and is read back with `rewind()` / `read(into:count:)`.
final class FileOutput {
    /// The final path.
    let path: String
    private let temporaryPath: String
    private var fd: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var committed = false
    /// Bytes written so far (buffered or flushed).
    private(set) var bytesWritten = 0

    /// Creates `path`'s temporary sibling for writing.
    init(path: String, bufferSize: Int = 1 << 20) throws(InputError) {
        self.path = path
        temporaryPath = FileOutput.hiddenSibling(of: path, kind: "tmp")
        fd = try FileOutput.create(temporaryPath, for: path, mode: O_WRONLY)
        capacity = bufferSize
        buffer = .allocate(capacity: bufferSize)
    }

    /// Creates an anonymous scratch file in `path`'s folder (unlinked at once), for rows
    /// that must wait until a header can be written.
    init(scratchBeside path: String, bufferSize: Int = 1 << 20) throws(InputError) {
        self.path = path
        temporaryPath = FileOutput.hiddenSibling(of: path, kind: "spill")
        fd = try FileOutput.create(temporaryPath, for: path, mode: O_RDWR)
        unlink(temporaryPath)
        committed = true
        capacity = bufferSize
        buffer = .allocate(capacity: bufferSize)
    }

    /// `dir/.name.KIND-pid-random` for `dir/name`.
    private static func hiddenSibling(of path: String, kind: String) -> String {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return dir + "." + name + ".\(kind)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    private static func create(_ temporary: String, for path: String, mode: Int32) throws(InputError) -> Int32 {
        let f = open(temporary, mode | O_CREAT | O_TRUNC, 0o644)
        if f < 0 {
            let reason = String(cString: strerror(errno))
            throw InputError(at: .file(path), "cannot create file: \(reason)")
        }
        return f
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

    /// Calls `body` with the UTF-8 bytes of `s` without copying native strings.
    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }

    /// True when a byte of `b` is one of `bytes` (repeat one to use fewer than 4) or below
    /// `below` (0: none). Eight bytes at a time (SWAR: a byte of `x` is zero exactly when
    /// `(x − 0x01…01) & ~x & 0x80…80` has its high bit).
    @inline(__always)
    static func contains(_ b: UnsafeBufferPointer<UInt8>, any bytes: (UInt8, UInt8, UInt8, UInt8), below: UInt8) -> Bool {
        guard let base = b.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let m0 = ones &* UInt64(bytes.0), m1 = ones &* UInt64(bytes.1)
        let m2 = ones &* UInt64(bytes.2), m3 = ones &* UInt64(bytes.3), lim = ones &* UInt64(below)
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= b.count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if hasZero(x ^ m0) || hasZero(x ^ m1) || hasZero(x ^ m2) || hasZero(x ^ m3)
                || (x &- lim) & ~x & highs != 0 { return true }
            i += 8
        }
        while i < b.count {
            let c = base[i]
            if c == bytes.0 || c == bytes.1 || c == bytes.2 || c == bytes.3 || c < below { return true }
            i += 1
        }
        return false
    }

    /// Appends `b` between two `quote` bytes when no byte of `b` is one of `bytes` or below
    /// `below` (see `contains`); returns false (nothing written) otherwise.
    @inline(__always)
    func write(_ b: UnsafeBufferPointer<UInt8>, quote: UInt8?, unlessAny bytes: (UInt8, UInt8, UInt8, UInt8),
               below: UInt8) throws(InputError) -> Bool {
        if FileOutput.contains(b, any: bytes, below: below) { return false }
        let q = quote == nil ? 0 : 1
        let p = try reserve(b.count + 2 * q)
        if let quote { p[0] = quote; p[b.count + 1] = quote }
        if let base = b.baseAddress { (p + q).update(from: base, count: b.count) }
        advance(b.count + 2 * q)
        return true
    }

    /// Appends the decimal digits of `v` (with `-` when negative).
    @inline(__always)
    func write(decimal v: Int64) throws(InputError) {
        let p = try reserve(20)
        var m = v.magnitude
        var digits = 0
        repeat { digits += 1; m /= 10 } while m > 0
        let sign = v < 0 ? 1 : 0
        if sign == 1 { p[0] = 0x2D }
        m = v.magnitude
        var k = sign + digits
        repeat {
            k -= 1
            p[k] = UInt8(truncatingIfNeeded: 0x30 + m % 10)
            m /= 10
        } while m > 0
        advance(sign + digits)
    }

    /// Appends the ISO 8601 text of a SAS date/datetime/time (see `SASDateTime.iso8601`),
    /// between `quote` bytes when given; false (nothing written) when `x` has none.
    @inline(__always)
    func write(iso8601 x: Double, kind: SASDateTime.Kind, quote: UInt8? = nil) throws(InputError) -> Bool {
        let p = try reserve(21)
        let q = quote == nil ? 0 : 1
        let n = SASDateTime.writeISO8601(x, kind: kind, to: p + q)
        guard n > 0 else { return false }
        if let quote { p[0] = quote; p[n + 1] = quote }
        advance(n + 2 * q)
        return true
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

    /// Room for `n` bytes in the buffer (flushing, or growing the buffer for an `n` larger
    /// than it); fill them, then call `advance(n)`.
    @inline(__always)
    func reserve(_ n: Int) throws(InputError) -> UnsafeMutablePointer<UInt8> {
        if count + n > capacity {
            try flush()
            if n > capacity {
                buffer.deallocate()
                capacity = n
                buffer = .allocate(capacity: n)
            }
        }
        return buffer + count
    }

    /// Bytes that fit in the buffer without a flush.
    var freeCapacity: Int { capacity - count }

    /// Marks `n` reserved bytes as written.
    @inline(__always)
    func advance(_ n: Int) {
        count += n
        bytesWritten += n
    }

    /// Scratch files: flushes and goes back to the start for reading.
    func rewind() throws(InputError) {
        try flush()
        if lseek(fd, 0, SEEK_SET) < 0 {
            let reason = String(cString: strerror(errno))
            throw InputError(at: .file(path), "cannot read back a temporary file: \(reason)")
        }
    }

    /// Scratch files after `rewind()`: reads up to `n` bytes into `p`; returns how many (0 at the end).
    func read(into p: UnsafeMutableRawPointer, count n: Int) throws(InputError) -> Int {
        var got = 0
        while got < n {
            let k = Glibc_read(fd, p + got, n - got)
            if k < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw InputError(at: .file(path), "cannot read back a temporary file: \(reason)")
            }
            if k == 0 { break }
            got += k
        }
        return got
    }

    /// Appends the whole content of a scratch file (read from its start); on Linux the
    /// kernel copies it (`copy_file_range`), elsewhere it goes through the buffer.
    func append(contentsOf scratch: FileOutput) throws(InputError) {
        try scratch.rewind()
        #if os(Linux)
        try flush()
        var copied = 0
        while true {
            let k = sendfile(fd, scratch.fd, nil, 1 << 30)
            if k > 0 { copied += k; continue }
            if k == 0 { bytesWritten += copied; return }
            if errno == EINTR { continue }
            // Not supported between these files: fall back to reading and writing.
            if copied == 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) { break }
            let reason = String(cString: strerror(errno))
            throw InputError(at: .file(path), "cannot write file: \(reason)")
        }
        #endif
        while true {
            let p = try reserve(capacity)
            let k = try scratch.read(into: p, count: capacity - count)
            if k == 0 { return }
            advance(k)
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
private func Glibc_read(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int {
    read(fd, p, n)
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}
