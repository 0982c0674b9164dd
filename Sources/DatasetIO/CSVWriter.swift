import TrialCore

/// Writes RFC 4180 CSV: a field is quoted when it contains the delimiter, a quote, CR or
/// LF, and inner quotes are doubled. Output is UTF-8 without a byte-order mark.
///
/// The file appears at `path` only when `finish()` succeeds (written to a temporary file,
/// then renamed), so a failure leaves nothing half-written.
/// ```swift
/// let w = try CSVWriter(path: "out.csv")
/// try w.write(["USUBJID", "AGE"])
/// try w.write(["001-001", "64"])
/// try w.finish()
/// ```
public final class CSVWriter {
    /// Line terminator written after each record.
    public enum LineEnding: String, Sendable {
        /// `\n` (default).
        case lf = "\n"
        /// `\r\n`, as RFC 4180 prescribes.
        case crlf = "\r\n"
    }

    private let output: FileOutput
    private let delimiter: UInt8
    private let lineEnding: LineEnding

    /// Starts writing `path` (through a temporary file).
    public init(path: String, delimiter: CSVOptions.Delimiter = .comma,
                lineEnding: LineEnding = .lf) throws(InputError) {
        output = try FileOutput(path: path)
        self.delimiter = delimiter.rawValue
        self.lineEnding = lineEnding
    }

    /// Writes one record. A record of one empty field is written as `""` so that it is not
    /// a blank line (which readers skip).
    public func write(_ fields: [String]) throws(InputError) {
        if fields.count == 1 && fields[0].isEmpty { try writeEmptyQuoted() }
        for (k, f) in fields.enumerated() {
            if k > 0 { try writeDelimiter() }
            try writeField(f)
        }
        try endRecord()
    }

    /// Flushes and moves the file into place.
    public func finish() throws(InputError) { try output.commit() }

    /// Writes `""` (the one empty field of a one-field record).
    func writeEmptyQuoted() throws(InputError) {
        try output.write(byte: 0x22)
        try output.write(byte: 0x22)
    }

    /// Writes the delimiter between two fields.
    @inline(__always)
    func writeDelimiter() throws(InputError) { try output.write(byte: delimiter) }

    /// Ends the record with the line ending.
    @inline(__always)
    func endRecord() throws(InputError) {
        if lineEnding == .crlf { try output.write(byte: 0x0D) }
        try output.write(byte: 0x0A)
    }

    /// Writes an integer field (digits never need quotes).
    @inline(__always)
    func writeDecimal(_ v: Int64) throws(InputError) { try output.write(decimal: v) }

    /// Writes the ISO 8601 field of a SAS date/datetime/time; false when `x` has none.
    @inline(__always)
    func writeISO8601(_ x: Double, kind: SASDateTime.Kind) throws(InputError) -> Bool {
        try output.write(iso8601: x, kind: kind)
    }

    /// Writes one field, quoted and escaped only when needed.
    func writeField(_ field: String) throws(InputError) {
        let d = delimiter
        var failure: InputError?
        // Most fields need no quotes: copy them in one step.
        let done = FileOutput.withBytes(field) { b -> Bool in
            do throws(InputError) {
                return try output.write(b, quote: nil, unlessAny: (d, 0x22, 0x0A, 0x0D), below: 0)
            } catch { failure = error; return true }
        }
        if let failure { throw failure }
        if done { return }
        var f = field
        f.withUTF8 { b in
          do throws(InputError) {
            var needsQuotes = false
            for c in b where c == d || c == 0x22 || c == 0x0A || c == 0x0D { needsQuotes = true; break }
            if !needsQuotes { try output.write(UnsafeRawBufferPointer(b)); return }
            try output.write(byte: 0x22)
            for c in b {
                if c == 0x22 { try output.write(byte: 0x22) }
                try output.write(byte: c)
            }
            try output.write(byte: 0x22)
          } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The field as it would be written (quoted and escaped only when needed).
    public static func escape(_ field: String, delimiter: CSVOptions.Delimiter = .comma) -> String {
        let d = Character(Unicode.Scalar(delimiter.rawValue))
        guard field.contains(where: { $0 == d || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
