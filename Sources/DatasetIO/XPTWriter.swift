#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TrialCore

/// Writes SAS XPORT version 5 transport files (`.xpt`), one member per dataset.
///
/// Layout per TS-140: 80-byte header records, 140-byte NAMESTRs, fixed-width observations
/// padded with blanks to a multiple of 80. Numbers are IBM doubles (exact, see `IBMFloat`);
/// numeric variables are always written with length 8. Names are written in upper case.
/// Anything that does not fit v5 — a name over 8 characters, a label over 40, a character
/// value over 200 bytes or over its column's length, non-ASCII text when ASCII is required,
/// a number outside the IBM range — is an `InputError` naming dataset, variable, row and
/// value; nothing is truncated and no file is left behind.
/// ```swift
/// try XPTWriter.write([dm, ae], to: "sdtm.xpt")
/// ```
public enum XPTWriter {
    /// Options for writing.
    public struct Options: Sendable, Hashable {
        /// Reject non-ASCII bytes in names, labels and values (FDA guidance); default `true`.
        /// When `false`, text is written as UTF-8 bytes.
        public var requireASCII: Bool
        /// Header time stamp `ddMMMyy:hh:mm:ss` (e.g. `01JAN24:00:00:00`). `nil` writes the fixed
        /// `01JAN60:00:00:00` so that the same data gives the same bytes (DESIGN.md); pass
        /// `XPTWriter.currentTimestamp()` to stamp the current time.
        public var timestamp: String?

        /// Creates options.
        public init(requireASCII: Bool = true, timestamp: String? = nil) {
            self.requireASCII = requireASCII
            self.timestamp = timestamp
        }
    }

    /// Writes `datasets` as the members of one XPT file at `path` (atomically).
    public static func write(_ datasets: [Dataset], to path: String,
                             options: Options = Options()) throws(InputError) {
        let out = try FileOutput(path: path)
        let stamp = options.timestamp ?? "01JAN60:00:00:00"
        guard stamp.utf8.count == 16 else {
            throw InputError(at: .file(path), "XPT time stamp must have 16 characters",
                             value: stamp, expected: "ddMMMyy:hh:mm:ss")
        }
        try out.write(headerRecord("LIBRARY", numbers: String(repeating: "0", count: 30)))
        try out.write(padded("SAS     SAS     SASLIB  9.4     Linux   " + String(repeating: " ", count: 24) + stamp, 80))
        try out.write(padded(stamp, 80))
        for ds in datasets { try writeMember(ds, to: out, stamp: stamp, options: options) }
        try out.commit()
    }

    /// Writes one dataset as a single-member XPT file.
    public static func write(_ dataset: Dataset, to path: String,
                             options: Options = Options()) throws(InputError) {
        try write([dataset], to: path, options: options)
    }

    // MARK: - Members

    private static func writeMember(_ ds: Dataset, to out: FileOutput, stamp: String,
                                    options: Options) throws(InputError) {
        let file = out.path
        let dsName = try checkedName(ds.name, what: "dataset name", dataset: ds.name, file: file)
        try checkText(ds.label, limit: 40, what: "dataset label", dataset: ds.name, variable: nil,
                      file: file, ascii: options.requireASCII)
        guard ds.columns.count <= 9999 else {
            throw InputError(at: .file(file), "dataset \(ds.name) has \(ds.columns.count) variables",
                             expected: "at most 9999 variables in XPT v5")
        }
        let rows = ds.rowCount
        var lengths: [Int] = []
        var seen = Set<String>()
        for c in ds.columns {
            let name = try checkedName(c.name, what: "variable name", dataset: ds.name, file: file)
            guard seen.insert(name).inserted else {
                throw InputError(at: .file(file), "dataset \(ds.name): duplicate variable name \(name)")
            }
            try checkText(c.label, limit: 40, what: "label", dataset: ds.name, variable: c.name,
                          file: file, ascii: options.requireASCII)
            if c.values.count != rows {
                throw InputError(at: .file(file), "dataset \(ds.name): variable \(c.name) has \(c.values.count) values but \(ds.columns.first?.name ?? "") has \(rows)",
                                 expected: "the same number of values in every column")
            }
            if c.type == .character {
                guard (1...200).contains(c.length) else {
                    throw InputError(at: .file(file), "dataset \(ds.name): variable \(c.name) has length \(c.length)",
                                     value: String(c.length), expected: "a character length of 1 to 200 bytes")
                }
                lengths.append(c.length)
            } else {
                lengths.append(8)
            }
            if let f = c.format, !f.isEmpty, SASFormat(f) == nil {
                throw InputError(at: .file(file), "dataset \(ds.name): variable \(c.name) has a format XPT cannot store",
                                 value: f, expected: "a SAS format NAMEw.d with a name of at most 8 characters")
            }
        }
        try out.write(headerRecord("MEMBER  ", numbers: "000000000000000001600000000140"))
        try out.write(headerRecord("DSCRPTR ", numbers: String(repeating: "0", count: 30)))
        try out.write(padded("SAS     " + padded8(dsName) + "SASDATA 9.4     Linux   " + String(repeating: " ", count: 24) + stamp, 80))
        try out.write(padded(stamp + String(repeating: " ", count: 16) + padded40(ds.label) + "        ", 80))
        let nvars = String(ds.columns.count)
        try out.write(headerRecord("NAMESTR ", numbers: "000000" + String(repeating: "0", count: 4 - nvars.count) + nvars + String(repeating: "0", count: 20)))

        // NAMESTRs, 140 bytes each, then blank padding to a multiple of 80.
        var position = 0
        for (k, c) in ds.columns.enumerated() {
            var n = [UInt8](repeating: 0, count: 140)
            put16(&n, 0, c.type == .numeric ? 1 : 2)
            put16(&n, 4, lengths[k])
            put16(&n, 6, k + 1)
            putText(&n, 8, padded8(c.name.uppercased()))
            putText(&n, 16, padded40(c.label))
            let format = c.format.flatMap { SASFormat($0) }
            putText(&n, 56, padded8(format?.name ?? ""))
            put16(&n, 64, format?.width ?? 0)
            put16(&n, 66, format?.decimals ?? 0)
            putText(&n, 72, padded8(""))
            put32(&n, 84, position)
            position += lengths[k]
            try out.write(n)
        }
        let namestrBytes = 140 * ds.columns.count
        if namestrBytes % 80 != 0 { try out.write(repeating: 0x20, count: 80 - namestrBytes % 80) }
        try out.write(headerRecord("OBS     ", numbers: String(repeating: "0", count: 30)))

        // Observations.
        let rowLength = position
        var row = [UInt8](repeating: 0x20, count: max(rowLength, 1))
        let columns = ds.columns
        for r in 0..<rows {
            var offset = 0
            for k in 0..<columns.count {
                let c = columns[k]
                let len = lengths[k]
                switch c.values[r] {
                case .number(let x):
                    guard c.type == .numeric else { throw typeError(ds, c, r, .number(x)) }
                    switch IBMFloat.encode(x) {
                    case .success(let w): putWord(&row, offset, w)
                    case .failure(let why):
                        let reason: String
                        switch why {
                        case .overflow: reason = "too large for the IBM format of XPT (|x| < 7.2e75)"
                        case .underflow: reason = "too small for the IBM format of XPT (|x| ≥ 5.4e-79 or 0)"
                        case .notFinite: reason = "not a finite number"
                        }
                        throw InputError(at: .dataset(name: ds.name, row: r + 1, variable: c.name),
                                         "numeric value \(reason)", value: "\(x)",
                                         expected: "a number XPT v5 can store")
                    }
                case .missing(let m):
                    guard c.type == .numeric else { throw typeError(ds, c, r, .missing(m)) }
                    putWord(&row, offset, IBMFloat.word(of: m))
                case .character(let s):
                    guard c.type == .character else { throw typeError(ds, c, r, .character(s)) }
                    var s = s
                    let failure: InputError? = s.withUTF8 { b -> InputError? in
                        if b.count > len {
                            return InputError(at: .dataset(name: ds.name, row: r + 1, variable: c.name),
                                              "character value of \(b.count) bytes is longer than the variable's length \(len)",
                                              value: String(decoding: b, as: UTF8.self),
                                              expected: "at most \(len) bytes")
                        }
                        if options.requireASCII, let bad = b.firstIndex(where: { $0 >= 0x80 }) {
                            return InputError(at: .dataset(name: ds.name, row: r + 1, variable: c.name),
                                              "non-ASCII character at byte \(bad + 1) of a character value",
                                              value: String(decoding: b, as: UTF8.self),
                                              expected: "ASCII text (XPT for submission)")
                        }
                        row.withUnsafeMutableBufferPointer { p in
                            let base = p.baseAddress! + offset
                            if let src = b.baseAddress { base.update(from: src, count: b.count) }
                            (base + b.count).update(repeating: 0x20, count: len - b.count)
                        }
                        return nil
                    }
                    if let failure { throw failure }
                }
                offset += len
            }
            if rowLength > 0 { try out.write(row) }
        }
        let obsBytes = rowLength * rows
        if obsBytes % 80 != 0 { try out.write(repeating: 0x20, count: 80 - obsBytes % 80) }
    }

    private static func typeError(_ ds: Dataset, _ c: Column, _ r: Int, _ v: Value) -> InputError {
        InputError(at: .dataset(name: ds.name, row: r + 1, variable: c.name),
                   c.type == .numeric ? "character value in a numeric variable" : "numeric value in a character variable",
                   value: v.text, expected: c.type == .numeric ? "a number or missing value" : "a character value")
    }

    // MARK: - Checks

    private static func checkedName(_ name: String, what: String, dataset: String,
                                    file: String) throws(InputError) -> String {
        let u = name.uppercased()
        let bytes = Array(u.utf8)
        let valid = !bytes.isEmpty && bytes.count <= 8
            && bytes.enumerated().allSatisfy { k, b in
                (b >= 0x41 && b <= 0x5A) || b == 0x5F || (k > 0 && b >= 0x30 && b <= 0x39)
            }
        if !valid {
            let whose = what == "dataset name" ? "" : "dataset \(dataset): "
            throw InputError(at: .file(file), "\(whose)\(what) is not a valid XPT v5 name", value: name,
                             expected: "1 to 8 characters A-Z, 0-9, _ (not starting with a digit)")
        }
        return u
    }

    private static func checkText(_ text: String, limit: Int, what: String, dataset: String,
                                  variable: String?, file: String, ascii: Bool) throws(InputError) {
        let whose = variable.map { "dataset \(dataset), variable \($0)" } ?? "dataset \(dataset)"
        if ascii && text.utf8.contains(where: { $0 >= 0x80 }) {
            throw InputError(at: .file(file), "\(whose): \(what) has non-ASCII characters", value: text,
                             expected: "ASCII text")
        }
        if text.utf8.count > limit {
            throw InputError(at: .file(file), "\(whose): \(what) has \(text.utf8.count) bytes", value: text,
                             expected: "at most \(limit) bytes")
        }
    }

    // MARK: - Bytes

    private static func headerRecord(_ kind: String, numbers: String) -> [UInt8] {
        Array(("HEADER RECORD*******" + padded8(kind) + "HEADER RECORD!!!!!!!" + numbers + "  ").utf8)
    }

    private static func padded(_ s: String, _ n: Int) -> [UInt8] {
        var b = Array(s.utf8.prefix(n))
        b.append(contentsOf: repeatElement(0x20, count: n - b.count))
        return b
    }

    private static func padded8(_ s: String) -> String {
        s + String(repeating: " ", count: max(0, 8 - s.utf8.count))
    }

    private static func padded40(_ s: String) -> String {
        s + String(repeating: " ", count: max(0, 40 - s.utf8.count))
    }

    private static func put16(_ b: inout [UInt8], _ at: Int, _ v: Int) {
        b[at] = UInt8((v >> 8) & 0xFF)
        b[at + 1] = UInt8(v & 0xFF)
    }

    private static func put32(_ b: inout [UInt8], _ at: Int, _ v: Int) {
        for k in 0..<4 { b[at + k] = UInt8((v >> (24 - 8 * k)) & 0xFF) }
    }

    private static func putText(_ b: inout [UInt8], _ at: Int, _ s: String) {
        for (k, c) in s.utf8.enumerated() { b[at + k] = c }
    }

    @inline(__always)
    private static func putWord(_ b: inout [UInt8], _ at: Int, _ w: UInt64) {
        b.withUnsafeMutableBytes { p in p.storeBytes(of: w.bigEndian, toByteOffset: at, as: UInt64.self) }
    }

    /// Now in UTC as `ddMMMyy:hh:mm:ss`, for `Options.timestamp`.
    public static func currentTimestamp() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return two(tm.tm_mday) + months[Int(tm.tm_mon)] + two((tm.tm_year + 1900) % 100) + ":"
            + two(tm.tm_hour) + ":" + two(tm.tm_min) + ":" + two(tm.tm_sec)
    }
}
