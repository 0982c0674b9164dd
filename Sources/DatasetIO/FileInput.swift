#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TrialCore

/// A file read in large chunks into one growable byte buffer (internal to the readers).
///
/// Readers scan `bytes[position..<count]`; when they need more they call `refill(keepFrom:)`,
/// which moves the bytes from `keepFrom` on to the front (so a record in progress stays
/// contiguous) and appends the next chunk. `baseOffset` is the file offset of `bytes[0]`.
final class FileInput {
    /// The name used in diagnostics (the path as given).
    let name: String
    /// Start of the buffer; valid bytes are `0..<count`.
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    /// Number of valid bytes in the buffer.
    private(set) var count: Int = 0
    /// Capacity of the buffer in bytes.
    private var capacity: Int
    /// File offset (0-based) of `bytes[0]`.
    private(set) var baseOffset: Int = 0
    /// True once the end of the file has been read into the buffer.
    private(set) var eof: Bool = false
    private var fd: Int32

    /// Default chunk size: 1 MiB.
    static let chunkSize = 1 << 20

    /// Opens `path` for reading; throws an `InputError` naming the file when it cannot.
    init(path: String, chunkSize: Int = FileInput.chunkSize) throws(InputError) {
        name = path
        let f = open(path, O_RDONLY)
        if f < 0 {
            let reason = String(cString: strerror(errno))
            throw InputError(at: .file(path), "cannot open file: \(reason)")
        }
        fd = f
        capacity = max(chunkSize, 16)
        bytes = .allocate(capacity: capacity)
    }

    /// Wraps bytes already in memory (no file); `name` is used in diagnostics.
    init(bytes source: [UInt8], name: String) {
        self.name = name
        fd = -1
        capacity = max(source.count, 16)
        bytes = .allocate(capacity: capacity)
        source.withUnsafeBufferPointer { b in
            if let base = b.baseAddress { bytes.update(from: base, count: b.count) }
        }
        count = source.count
        eof = true
    }

    /// True when `path` names an existing file.
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    deinit {
        bytes.deallocate()
        if fd >= 0 { close(fd) }
    }

    /// Reads the first chunk (call once after `init(path:)`).
    func start() throws(InputError) {
        if fd >= 0 && count == 0 && !eof { _ = try refill(keepFrom: 0) }
    }

    /// Discards `bytes[0..<keepFrom]`, moves the rest to the front and reads more of the file.
    ///
    /// Returns the shift (`keepFrom`): every index the caller holds must be reduced by it.
    /// After the call either more bytes are available or `eof` is true.
    func refill(keepFrom: Int) throws(InputError) -> Int {
        if keepFrom > 0 {
            let rest = count - keepFrom
            if rest > 0 { bytes.update(from: bytes + keepFrom, count: rest) }
            count = rest
            baseOffset += keepFrom
        }
        if eof || fd < 0 { eof = true; return keepFrom }
        if count == capacity {
            // A single record is larger than the buffer: grow it.
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: bytes, count: count)
            bytes.deallocate()
            bytes = bigger
            capacity *= 2
        }
        while true {
            let n = read(fd, bytes + count, capacity - count)
            if n > 0 { count += n; return keepFrom }
            if n == 0 { eof = true; return keepFrom }
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            throw InputError(at: .byteOffset(file: name, offset: baseOffset + count),
                             "read error: \(reason)")
        }
    }

    /// Makes at least `n` bytes available from `index` if the file has them; returns the
    /// shift applied (see `refill`). Bytes before `keepFrom` may be discarded.
    func ensure(_ n: Int, at index: Int, keepFrom: Int) throws(InputError) -> Int {
        var shift = 0
        while index - shift + n > count && !eof {
            shift += try refill(keepFrom: keepFrom - shift)
        }
        return shift
    }
}
