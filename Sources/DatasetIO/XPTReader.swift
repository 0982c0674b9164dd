import TrialCore

/// Reads SAS XPORT version 5 transport files (`.xpt`), every member, streaming through a
/// 1 MiB buffer (memory holds the decoded values, not the file).
///
/// Accepts files written by SAS, R (SASxport/haven) and ReadStat: NAMESTRs of 140 (or VAX
/// 136) bytes, numerics of length 2–8 (right-padded with zero bytes), header text padded
/// with blanks or NULs. Numbers are IBM doubles rounded to the nearest IEEE double (ties to
/// even, see `IBMFloat`); `.`, `.A`–`.Z`, `._` become `Value.missing`. Character values lose
/// trailing blanks. The row count is not stored in XPT: it is the observation area divided
/// by the row length; trailing all-blank rows inside the final 80-byte record are padding.
/// A truncated or corrupt file is an `InputError` at the byte offset with what was expected.
/// ```swift
/// let members = try XPTReader.read(path: "adtte.xpt")   // [Dataset]
/// ```
public enum XPTReader {
    /// Options for reading.
    public struct Options: Sendable, Hashable {
        /// How character bytes are decoded; with `.utf8` invalid bytes are an error.
        public var encoding: CSVOptions.Encoding
        /// Creates options.
        public init(encoding: CSVOptions.Encoding = .utf8) { self.encoding = encoding }
    }

    /// Reads every member of the file at `path`.
    public static func read(path: String, options: Options = Options()) throws(InputError) -> [Dataset] {
        let input = try FileInput(path: path)
        try input.start()
        var parser = XPTParser(input: input, options: options)
        return try parser.parseFile()
    }

    /// Reads every member of an XPT file already in memory; `name` stands for the file in errors.
    public static func read(bytes: [UInt8], name: String, options: Options = Options()) throws(InputError) -> [Dataset] {
        var parser = XPTParser(input: FileInput(bytes: bytes, name: name), options: options)
        return try parser.parseFile()
    }
}

/// One variable's NAMESTR, as far as the reader needs it.
struct XPTVariable {
    var name: String
    var label: String
    var type: VariableType
    var length: Int
    var position: Int
    var format: String?
}

/// The record-level XPT parser behind `XPTReader`.
struct XPTParser {
    let input: FileInput
    let options: XPTReader.Options
    var pos = 0

    static let libraryHeader = Array("HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!".utf8)
    static let memberHeader = Array("HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!".utf8)
    static let descriptorHeader = Array("HEADER RECORD*******DSCRPTR HEADER RECORD!!!!!!!".utf8)
    static let namestrHeader = Array("HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!".utf8)
    static let obsHeader = Array("HEADER RECORD*******OBS     HEADER RECORD!!!!!!!".utf8)
    static let v8Prefix = Array("HEADER RECORD*******LIBV8".utf8)
    static let v8MemberPrefix = Array("HEADER RECORD*******MEMBV8".utf8)

    init(input: FileInput, options: XPTReader.Options) {
        self.input = input
        self.options = options
    }

    var file: String { input.name }
    var offset: Int { input.baseOffset + pos }

    /// Makes `n` bytes available at `pos` or throws a truncation error saying what was expected.
    mutating func need(_ n: Int, _ what: String) throws(InputError) {
        if pos + n > input.count { pos -= try input.ensure(n, at: pos, keepFrom: pos) }
        if pos + n > input.count {
            throw InputError(at: .byteOffset(file: file, offset: input.baseOffset + input.count),
                             "truncated XPT file: it ends \(input.count - pos) bytes into \(what)",
                             expected: "\(n) bytes of \(what)")
        }
    }

    func starts(with prefix: [UInt8], at p: Int) -> Bool {
        guard p + prefix.count <= input.count else { return false }
        for k in 0..<prefix.count where input.bytes[p + k] != prefix[k] { return false }
        return true
    }

    /// Header text: trailing blanks and NULs (and leading NULs) removed.
    func text(_ from: Int, _ count: Int) -> String {
        var end = from + count
        while end > from, input.bytes[end - 1] == 0x20 || input.bytes[end - 1] == 0 { end -= 1 }
        var start = from
        while start < end, input.bytes[start] == 0 { start += 1 }
        let b = UnsafeBufferPointer(start: input.bytes + start, count: end - start)
        return UTF8Validation.string(b) ?? SingleByteText.string(b, .windows1252)
    }

    func int16(_ p: Int) -> Int { Int(input.bytes[p]) << 8 | Int(input.bytes[p + 1]) }
    func int32(_ p: Int) -> Int {
        Int(input.bytes[p]) << 24 | Int(input.bytes[p + 1]) << 16 | Int(input.bytes[p + 2]) << 8 | Int(input.bytes[p + 3])
    }

    func digits(_ p: Int, _ n: Int) -> Int? {
        var v = 0
        for k in 0..<n {
            let b = input.bytes[p + k]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    func corrupt(_ message: String, at p: Int, expected: String) -> InputError {
        InputError(at: .byteOffset(file: file, offset: input.baseOffset + p), message, expected: expected)
    }

    mutating func expectHeader(_ header: [UInt8], _ what: String) throws(InputError) {
        try need(80, what)
        if starts(with: XPTParser.v8MemberPrefix, at: pos) || starts(with: XPTParser.v8Prefix, at: pos) {
            throw corrupt("SAS transport version 8 (LIBV8/MEMBV8) is not supported", at: pos,
                          expected: "a version 5 XPORT file")
        }
        guard starts(with: header, at: pos) else {
            throw corrupt("corrupt XPT file: \(what) not found", at: pos,
                          expected: "'" + String(decoding: header, as: UTF8.self) + "'")
        }
    }

    mutating func parseFile() throws(InputError) -> [Dataset] {
        if input.count == 0 {
            throw InputError(at: .byteOffset(file: file, offset: 0), "empty file is not an XPT file",
                             expected: "a SAS XPORT library header record")
        }
        try need(80, "the library header record")
        if starts(with: XPTParser.v8Prefix, at: pos) {
            throw corrupt("SAS transport version 8 (LIBV8) is not supported", at: pos,
                          expected: "a version 5 XPORT file")
        }
        guard starts(with: XPTParser.libraryHeader, at: pos) else {
            throw corrupt("not a SAS XPORT file: the library header record is missing", at: pos,
                          expected: "'HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!'")
        }
        pos += 80
        try need(160, "the real header records")
        guard starts(with: Array("SAS     SAS     SASLIB".utf8), at: pos) else {
            throw corrupt("corrupt XPT file: first real header record", at: pos, expected: "'SAS     SAS     SASLIB'")
        }
        pos += 160
        var members: [Dataset] = []
        while true {
            if pos >= input.count { pos -= try input.ensure(1, at: pos, keepFrom: pos) }
            if pos >= input.count { break }
            members.append(try parseMember())
        }
        if members.isEmpty {
            throw corrupt("XPT file holds no dataset", at: pos, expected: "a MEMBER header record")
        }
        return members
    }

    mutating func parseMember() throws(InputError) -> Dataset {
        try expectHeader(XPTParser.memberHeader, "the MEMBER header record")
        let namestrLength = digits(pos + 74, 4) ?? 140
        guard namestrLength == 140 || namestrLength == 136 else {
            throw corrupt("unsupported NAMESTR length \(namestrLength)", at: pos + 74, expected: "140 (or 136)")
        }
        pos += 80
        try expectHeader(XPTParser.descriptorHeader, "the DSCRPTR header record")
        pos += 80
        try need(160, "the member header records")
        guard starts(with: Array("SAS     ".utf8), at: pos) else {
            throw corrupt("corrupt XPT file: member header record", at: pos, expected: "'SAS     ' then the dataset name")
        }
        let name = text(pos + 8, 8)
        let label = text(pos + 80 + 32, 40)
        pos += 160
        try expectHeader(XPTParser.namestrHeader, "the NAMESTR header record")
        guard let nvars = digits(pos + 54, 4) else {
            throw corrupt("corrupt NAMESTR header: variable count is not a number", at: pos + 54, expected: "4 digits")
        }
        pos += 80
        var variables: [XPTVariable] = []
        var rowLength = 0
        for k in 0..<nvars {
            try need(namestrLength, "NAMESTR \(k + 1) of \(nvars) in member \(name)")
            let p = pos
            let ntype = int16(p)
            let nlng = int16(p + 4)
            let vname = text(p + 8, 8)
            guard ntype == 1 || ntype == 2 else {
                throw corrupt("member \(name), NAMESTR \(k + 1): variable type \(ntype)", at: p,
                              expected: "1 (numeric) or 2 (character)")
            }
            if ntype == 1 && !(2...8).contains(nlng) {
                throw corrupt("member \(name), variable \(vname): numeric length \(nlng)", at: p + 4, expected: "2 to 8")
            }
            if ntype == 2 && nlng < 1 {
                throw corrupt("member \(name), variable \(vname): character length \(nlng)", at: p + 4, expected: "at least 1")
            }
            let fname = text(p + 56, 8)
            let fw = int16(p + 64), fd = int16(p + 66)
            let format: String? = (fname.isEmpty && fw == 0) ? nil
                : SASFormat(name: fname, width: fw, decimals: fd).description
            let npos = int32(p + 84)
            variables.append(XPTVariable(name: vname, label: text(p + 16, 40),
                                         type: ntype == 1 ? .numeric : .character,
                                         length: nlng, position: npos, format: format))
            rowLength = max(rowLength, npos + nlng)
            pos += namestrLength
        }
        let namestrBytes = nvars * namestrLength
        if namestrBytes % 80 != 0 {
            let pad = 80 - namestrBytes % 80
            try need(pad, "the padding after the NAMESTR records")
            pos += pad
        }
        try expectHeader(XPTParser.obsHeader, "the OBS header record")
        pos += 80
        let values = try parseObservations(variables, rowLength: rowLength, member: name)
        var columns: [Column] = []
        columns.reserveCapacity(variables.count)
        for (k, v) in variables.enumerated() {
            columns.append(Column(name: v.name, label: v.label, type: v.type,
                                  length: v.type == .numeric ? 8 : v.length, format: v.format,
                                  values: values[k]))
        }
        return Dataset(name: name, label: label, columns: columns)
    }

    /// Decodes rows until the next MEMBER header (at an 80-byte boundary) or the end of file.
    mutating func parseObservations(_ vars: [XPTVariable], rowLength: Int,
                                    member: String) throws(InputError) -> [[Value]] {
        var values = [[Value]](repeating: [], count: vars.count)
        var rowStart = pos      // next row to decode
        var scan = pos          // next 80-byte record to check for a MEMBER header
        var areaEnd: Int? = nil
        while areaEnd == nil {
            while scan + 80 <= input.count {
                if input.bytes[scan] == 0x48, starts(with: XPTParser.memberHeader, at: scan) { areaEnd = scan; break }
                scan += 80
            }
            if areaEnd == nil && input.eof {
                if scan != input.count {
                    throw InputError(at: .byteOffset(file: file, offset: input.baseOffset + input.count),
                                     "truncated XPT file: the last 80-byte record of member \(member) has only \(input.count - scan) bytes",
                                     expected: "a whole number of 80-byte records")
                }
                areaEnd = scan
            }
            if let end = areaEnd {
                // The end is known: whole rows, then fewer than 80 blank padding bytes. Trailing
                // all-blank rows that start in the final 80 bytes are padding.
                if rowLength > 0 {
                    var n = (end - rowStart) / rowLength
                    let left = end - rowStart - n * rowLength
                    if left >= 80 || !isBlank(rowStart + n * rowLength, left) {
                        throw InputError(at: .byteOffset(file: file, offset: input.baseOffset + rowStart + n * rowLength),
                                         "truncated observation in member \(member): \(left) bytes remain where a row has \(rowLength)",
                                         expected: "whole rows followed by fewer than 80 blank padding bytes")
                    }
                    while n > 0, rowStart + (n - 1) * rowLength > end - 80, isBlank(rowStart + (n - 1) * rowLength, rowLength) { n -= 1 }
                    for k in 0..<n { try decodeRow(at: rowStart + k * rowLength, vars, into: &values) }
                }
                pos = end
            } else {
                // Decode rows that cannot be padding: they start at least 80 bytes before `scan`.
                if rowLength > 0 {
                    while rowStart + rowLength <= scan, rowStart <= scan - 80 {
                        try decodeRow(at: rowStart, vars, into: &values)
                        rowStart += rowLength
                    }
                }
                let keep = min(rowStart, scan)
                let s = try input.refill(keepFrom: keep)
                rowStart -= s
                scan -= s
            }
        }
        return values
    }

    func isBlank(_ p: Int, _ n: Int) -> Bool {
        for k in p..<(p + n) where input.bytes[k] != 0x20 { return false }
        return true
    }

    @inline(__always)
    func decodeRow(at p: Int, _ vars: [XPTVariable], into values: inout [[Value]]) throws(InputError) {
        let b = input.bytes + p
        for k in 0..<vars.count {
            let v = vars[k]
            let q = b + v.position
            if v.type == .numeric {
                var w: UInt64 = 0
                if v.length == 8 {
                    w = UInt64(bigEndian: UnsafeRawPointer(q).loadUnaligned(as: UInt64.self))
                } else {
                    for j in 0..<v.length { w |= UInt64(q[j]) << UInt64(56 - 8 * j) }
                }
                if let m = IBMFloat.missing(w) {
                    values[k].append(.missing(m))
                } else {
                    values[k].append(.number(IBMFloat.decode(w)))
                }
            } else {
                var n = v.length
                while n > 0, q[n - 1] == 0x20 || q[n - 1] == 0 { n -= 1 }
                let raw = UnsafeBufferPointer(start: q, count: n)
                if options.encoding != .utf8 {
                    values[k].append(.character(SingleByteText.string(raw, options.encoding)))
                } else if let s = UTF8Validation.string(raw) {
                    values[k].append(.character(s))
                } else {
                    let bad = UTF8Validation.firstInvalidIndex(raw) ?? 0
                    let row = values[k].count + 1
                    throw InputError(at: .byteOffset(file: file, offset: input.baseOffset + p + v.position + bad),
                                     "invalid UTF-8 in variable \(v.name), row \(row)",
                                     value: "0x" + String(q[bad], radix: 16, uppercase: true),
                                     expected: "UTF-8 text, or read with encoding latin1 or windows1252")
                }
            }
        }
    }
}
