/// A reusable CSV record view for `CSVReader.read(into:)`: fields are located in the
/// reader's buffer (no copy, no String) unless they needed unquoting of doubled quotes or
/// transcoding, which go to the row's own storage. Field bytes are valid UTF-8.
///
/// A row is valid only until the next `read(into:)` on the reader that filled it (it points
/// into the reader's buffer); take `row[i]` or `row.fields` to keep values.
/// ```swift
/// var row = CSVRow()
/// while try reader.read(into: &row) {
///     let id = row[0]                       // String, decoded on demand
///     row.withUTF8(2) { bytes in ... }      // or the raw bytes, no String at all
/// }
/// ```
public struct CSVRow {
    /// 1-based line number where the record starts.
    public internal(set) var line: Int = 0
    /// Start of the record in the reader's buffer.
    var base: UnsafePointer<UInt8>?
    /// Two entries per field: start and end offsets. Offsets ≥ 0 are relative to `base`;
    /// a field in `extra` has start `-(offset + 1)` and end `-(end + 1)`.
    var spans: [Int] = []
    /// Bytes of fields that could not be used in place (unescaped or transcoded).
    var extra: [UInt8] = []

    /// An empty row.
    public init() {
        spans.reserveCapacity(128)
    }

    /// Number of fields.
    public var count: Int { spans.count >> 1 }

    /// Field `i` as a String.
    public subscript(i: Int) -> String {
        withUTF8(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of field `i` (valid UTF-8).
    public func withUTF8<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let s = spans[2 * i], e = spans[2 * i + 1]
        if s >= 0 {
            return try body(UnsafeBufferPointer(start: base.map { $0 + s }, count: e - s))
        }
        return try extra.withUnsafeBufferPointer { b in
            try body(UnsafeBufferPointer(rebasing: b[(-s - 1)..<(-e - 1)]))
        }
    }

    /// All fields as Strings.
    public var fields: [String] {
        var out: [String] = []
        out.reserveCapacity(count)
        for i in 0..<count { out.append(self[i]) }
        return out
    }

    mutating func reset(line: Int) {
        self.line = line
        spans.removeAll(keepingCapacity: true)
        extra.removeAll(keepingCapacity: true)
    }

    /// Records a field found in place at `start..<end` relative to the record start.
    @inline(__always)
    mutating func appendInPlace(_ start: Int, _ end: Int) {
        spans.append(start)
        spans.append(end)
    }

    /// Records a field whose bytes are stored in the row.
    mutating func appendCopy<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let s = extra.count
        extra.append(contentsOf: bytes)
        spans.append(-s - 1)
        spans.append(-extra.count - 1)
    }
}
