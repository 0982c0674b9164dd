#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TrialCore

/// One XPT v5 member: its checked metadata, its header records and the encoding of its
/// observations — the one encoder behind `XPTWriter` (whole datasets) and `DatasetAppender`
/// (chunks).
///
/// Rows are encoded column by column into blocks of whole observations in the output buffer
/// (no per-row write, no per-cell type dispatch across columns). Two layouts: fixed-width
/// observations (the file's), and a compact spill layout for `.minimal` lengths, whose
/// NAMESTRs must wait for the last chunk: per block `[rows: Int64][payload bytes: Int64]`,
/// then per column either `rows` 8-byte IBM words, or `rows` 1-byte lengths followed by the
/// text bytes.
struct XPTMember {
    /// The output path (for errors).
    let file: String
    /// The dataset name as given (for errors).
    let dataset: String
    /// The dataset name in upper case.
    let upperName: String
    /// The dataset label.
    let label: String
    /// Variable names as given (for errors and chunk checks).
    let names: [String]
    /// Variable labels.
    let labels: [String]
    /// True for numeric variables.
    let isNumeric: [Bool]
    /// Declared lengths in bytes: the template's for character variables, 8 for numeric.
    let declared: [Int]
    /// SAS formats (`nil` when none).
    let formats: [SASFormat?]
    /// Reject non-ASCII text.
    let requireASCII: Bool

    /// Checks the metadata of `template` (its rows are not looked at).
    init(template ds: Dataset, file: String, options: XPTWriter.Options) throws(InputError) {
        self.file = file
        dataset = ds.name
        upperName = try XPTMember.checkedName(ds.name, what: "dataset name", dataset: ds.name, file: file)
        try XPTMember.checkText(ds.label, limit: 40, what: "dataset label", dataset: ds.name, variable: nil,
                                file: file, ascii: options.requireASCII)
        guard ds.columns.count <= 9999 else {
            throw InputError(at: .file(file), "dataset \(ds.name) has \(ds.columns.count) variables",
                             expected: "at most 9999 variables in XPT v5")
        }
        label = ds.label
        requireASCII = options.requireASCII
        var declared: [Int] = []
        var formats: [SASFormat?] = []
        var seen = Set<String>()
        for c in ds.columns {
            let name = try XPTMember.checkedName(c.name, what: "variable name", dataset: ds.name, file: file)
            guard seen.insert(name).inserted else {
                throw InputError(at: .file(file), "dataset \(ds.name): duplicate variable name \(name)")
            }
            try XPTMember.checkText(c.label, limit: 40, what: "label", dataset: ds.name, variable: c.name,
                                    file: file, ascii: options.requireASCII)
            if c.type == .character {
                guard (1...200).contains(c.length) else {
                    throw InputError(at: .file(file), "dataset \(ds.name): variable \(c.name) has length \(c.length)",
                                     value: String(c.length), expected: "a character length of 1 to 200 bytes")
                }
                declared.append(c.length)
            } else {
                declared.append(8)
            }
            if let f = c.format, !f.isEmpty, SASFormat(f) == nil {
                throw InputError(at: .file(file), "dataset \(ds.name): variable \(c.name) has a format XPT cannot store",
                                 value: f, expected: "a SAS format NAMEw.d with a name of at most 8 characters")
            }
            formats.append(c.format.flatMap { SASFormat($0) })
        }
        names = ds.columns.map(\.name)
        labels = ds.columns.map(\.label)
        isNumeric = ds.columns.map { $0.type == .numeric }
        self.declared = declared
        self.formats = formats
    }

    // MARK: - Header

    /// Writes the library header (3 records) that opens every XPT file.
    static func writeLibraryHeader(stamp: String, to out: FileOutput) throws(InputError) {
        guard stamp.utf8.count == 16 else {
            throw InputError(at: .file(out.path), "XPT time stamp must have 16 characters",
                             value: stamp, expected: "ddMMMyy:hh:mm:ss")
        }
        try out.write(headerRecord("LIBRARY", numbers: String(repeating: "0", count: 30)))
        try out.write(padded("SAS     SAS     SASLIB  9.4     Linux   " + String(repeating: " ", count: 24) + stamp, 80))
        try out.write(padded(stamp, 80))
    }

    /// Writes the member header, the NAMESTRs for `lengths` and the OBS record.
    func writeHeader(lengths: [Int], stamp: String, to out: FileOutput) throws(InputError) {
        try out.write(XPTMember.headerRecord("MEMBER  ", numbers: "000000000000000001600000000140"))
        try out.write(XPTMember.headerRecord("DSCRPTR ", numbers: String(repeating: "0", count: 30)))
        try out.write(XPTMember.padded("SAS     " + XPTMember.padded8(upperName) + "SASDATA 9.4     Linux   " + String(repeating: " ", count: 24) + stamp, 80))
        try out.write(XPTMember.padded(stamp + String(repeating: " ", count: 16) + XPTMember.padded40(label) + "        ", 80))
        let nvars = String(names.count)
        try out.write(XPTMember.headerRecord("NAMESTR ", numbers: "000000" + String(repeating: "0", count: 4 - nvars.count) + nvars + String(repeating: "0", count: 20)))

        // NAMESTRs, 140 bytes each, then blank padding to a multiple of 80.
        var position = 0
        for k in names.indices {
            var n = [UInt8](repeating: 0, count: 140)
            XPTMember.put16(&n, 0, isNumeric[k] ? 1 : 2)
            XPTMember.put16(&n, 4, lengths[k])
            XPTMember.put16(&n, 6, k + 1)
            XPTMember.putText(&n, 8, XPTMember.padded8(names[k].uppercased()))
            XPTMember.putText(&n, 16, XPTMember.padded40(labels[k]))
            let format = formats[k]
            XPTMember.putText(&n, 56, XPTMember.padded8(format?.name ?? ""))
            XPTMember.put16(&n, 64, format?.width ?? 0)
            XPTMember.put16(&n, 66, format?.decimals ?? 0)
            XPTMember.putText(&n, 72, XPTMember.padded8(""))
            XPTMember.put32(&n, 84, position)
            position += lengths[k]
            try out.write(n)
        }
        let namestrBytes = 140 * names.count
        if namestrBytes % 80 != 0 { try out.write(repeating: 0x20, count: 80 - namestrBytes % 80) }
        try out.write(XPTMember.headerRecord("OBS     ", numbers: String(repeating: "0", count: 30)))
    }

    /// Blank padding after `rows` observations of `lengths` to a multiple of 80 bytes.
    static func writeEnd(rows: Int, lengths: [Int], to out: FileOutput) throws(InputError) {
        let obsBytes = lengths.reduce(0, +) * rows
        if obsBytes % 80 != 0 { try out.write(repeating: 0x20, count: 80 - obsBytes % 80) }
    }

    // MARK: - Chunks

    /// Checks that `chunk` has the template's variables in order, each with `rowCount` values.
    func checkShape(_ chunk: Dataset, template: Bool) throws(InputError) {
        if !template {
            guard chunk.columns.count == names.count,
                  zip(chunk.columns, names).allSatisfy({ $0.name.uppercased() == $1.uppercased() }) else {
                throw InputError(at: .file(file), "dataset \(dataset): the chunk's variables differ from the template's",
                                 value: chunk.columnNames.joined(separator: ","), expected: names.joined(separator: ","))
            }
        }
        let rows = chunk.rowCount
        for c in chunk.columns where c.values.count != rows {
            throw InputError(at: .file(file), "dataset \(dataset): variable \(c.name) has \(c.values.count) values but \(chunk.columns.first?.name ?? "") has \(rows)",
                             expected: "the same number of values in every column")
        }
    }

    /// Writes the rows of `chunk` as fixed-width observations of `lengths`; `firstRow` rows
    /// came before (for error row numbers). Character values are checked against `lengths`.
    func writeRows(_ chunk: Dataset, lengths: [Int], firstRow: Int, to out: FileOutput) throws(InputError) {
        let rows = chunk.rowCount
        let rowLength = lengths.reduce(0, +)
        guard rows > 0, rowLength > 0 else { return }
        var offsets: [Int] = []
        var at = 0
        for len in lengths { offsets.append(at); at += len }
        let blockRows = max(1, min(rows, (1 << 20) / rowLength))
        var r0 = 0
        while r0 < rows {
            let n = min(blockRows, rows - r0)
            let p = try out.reserve(n * rowLength)
            p.update(repeating: 0x20, count: n * rowLength)
            var failure: (row: Int, column: Int)?
            for k in names.indices {
                let dest = UnsafeMutableRawPointer(p + offsets[k])
                let bad: Int? = chunk.columns[k].values.withUnsafeBufferPointer { v in
                    isNumeric[k]
                        ? XPTMember.encodeNumbers(v, r0..<(r0 + n), into: dest, stride: rowLength)
                        : XPTMember.encodeText(v, r0..<(r0 + n), into: dest, stride: rowLength,
                                               width: lengths[k], ascii: requireASCII)
                }
                if let bad, bad < (failure?.row ?? Int.max) { failure = (bad, k) }
            }
            if let failure { throw cellError(chunk, column: failure.column, row: failure.row, firstRow: firstRow) }
            out.advance(n * rowLength)
            r0 += n
        }
    }

    /// Writes the rows of `chunk` in the compact spill layout and raises `longest[k]` to the
    /// longest text of each character variable (values longer than declared are errors).
    func spillRows(_ chunk: Dataset, firstRow: Int, longest: inout [Int], to scratch: FileOutput) throws(InputError) {
        let rows = chunk.rowCount
        guard rows > 0, !names.isEmpty else { return }
        let maxRowBytes = zip(isNumeric, declared).reduce(0) { $0 + ($1.0 ? 8 : 1 + $1.1) }
        let blockRows = max(1, min(rows, (1 << 20) / maxRowBytes))
        var r0 = 0
        while r0 < rows {
            let n = min(blockRows, rows - r0)
            let block = try scratch.reserve(16 + n * maxRowBytes)
            var at = UnsafeMutableRawPointer(block + 16)
            var failure: (row: Int, column: Int)?
            for k in names.indices {
                let bad: Int? = chunk.columns[k].values.withUnsafeBufferPointer { v in
                    if isNumeric[k] {
                        let bad = XPTMember.encodeNumbers(v, r0..<(r0 + n), into: at, stride: 8)
                        at += 8 * n
                        return bad
                    }
                    let (bad, used, long) = XPTMember.spillText(v, r0..<(r0 + n), into: at, width: declared[k],
                                                                ascii: requireASCII)
                    at += used
                    longest[k] = max(longest[k], long)
                    return bad
                }
                if let bad, bad < (failure?.row ?? Int.max) { failure = (bad, k) }
            }
            if let failure { throw cellError(chunk, column: failure.column, row: failure.row, firstRow: firstRow) }
            let payload = at - UnsafeMutableRawPointer(block + 16)
            UnsafeMutableRawPointer(block).storeBytes(of: Int64(n), as: Int64.self)
            UnsafeMutableRawPointer(block).storeBytes(of: Int64(payload), toByteOffset: 8, as: Int64.self)
            scratch.advance(16 + payload)
            r0 += n
        }
    }

    /// Reads back the spilled blocks and writes them as fixed-width observations of `lengths`.
    func unspill(from scratch: FileOutput, lengths: [Int], to out: FileOutput) throws(InputError) {
        try scratch.rewind()
        let rowLength = lengths.reduce(0, +)
        var head = (Int64(0), Int64(0))
        var payload = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { payload.deallocate() }
        while true {
            let got = try withUnsafeMutableBytes(of: &head) { (h) throws(InputError) -> Int in
                guard let base = h.baseAddress else { return 0 }
                return try scratch.read(into: base, count: 16)
            }
            if got == 0 { return }
            guard got == 16 else { throw InputError(at: .file(file), "temporary row file ended early") }
            let n = Int(head.0), bytes = Int(head.1)
            if bytes > payload.count {
                payload.deallocate()
                payload = .allocate(byteCount: bytes, alignment: 8)
            }
            guard let src = payload.baseAddress, try scratch.read(into: src, count: bytes) == bytes else {
                throw InputError(at: .file(file), "temporary row file ended early")
            }
            let p = try out.reserve(n * rowLength)
            p.update(repeating: 0x20, count: n * rowLength)
            var from = UnsafeRawPointer(src)
            var offset = 0
            for k in names.indices {
                var to = UnsafeMutableRawPointer(p + offset)
                if isNumeric[k] {
                    for _ in 0..<n {
                        to.copyMemory(from: from, byteCount: 8)
                        from += 8
                        to += rowLength
                    }
                } else {
                    let lens = from.assumingMemoryBound(to: UInt8.self)
                    from += n
                    var last = 0
                    for r in 0..<n {
                        if lens[r] == XPTMember.sameAsAbove {
                            // The row above holds the same text, already in place.
                            to.copyMemory(from: to - rowLength, byteCount: last)
                        } else {
                            last = Int(lens[r])
                            to.copyMemory(from: from, byteCount: last)
                            from += last
                        }
                        to += rowLength
                    }
                }
                offset += lengths[k]
            }
            out.advance(n * rowLength)
        }
    }

    // MARK: - Cells

    /// IBM words of `values[range]` at `dest`, `dest + stride`, …; the index of the first value
    /// that cannot be written (character, or outside the IBM range), or `nil`.
    @inline(__always)
    static func encodeNumbers(_ values: UnsafeBufferPointer<Value>, _ range: Range<Int>,
                              into dest: UnsafeMutableRawPointer, stride: Int) -> Int? {
        var p = dest
        for r in range {
            let w: UInt64
            switch values[r] {
            case .number(let x):
                guard case .success(let v) = IBMFloat.encode(x) else { return r }
                w = v
            case .missing(let m):
                w = IBMFloat.word(of: m)
            case .character:
                return r
            }
            p.storeBytes(of: w.bigEndian, as: UInt64.self)
            p += stride
        }
        return nil
    }

    /// Text of `values[range]` at `dest`, `dest + stride`, … into blank-filled fields of
    /// `width` bytes; the index of the first value that cannot be written, or `nil`.
    @inline(__always)
    static func encodeText(_ values: UnsafeBufferPointer<Value>, _ range: Range<Int>,
                           into dest: UnsafeMutableRawPointer, stride: Int, width: Int, ascii: Bool) -> Int? {
        var p = dest
        for r in range {
            guard case .character(let s) = values[r] else { return r }
            let ok = FileOutput.withBytes(s) { b -> Bool in
                guard b.count <= width, !ascii || isASCII(b) else { return false }
                if let base = b.baseAddress { p.copyMemory(from: base, byteCount: b.count) }
                return true
            }
            if !ok { return r }
            p += stride
        }
        return nil
    }

    /// Length bytes, then text bytes, of `values[range]` at `dest`; returns the first value
    /// that cannot be written (or `nil`), the bytes used and the longest value (at least 1).
    /// A value equal to the one in the row before (within the range) is written as the length
    /// byte `XPTMember.sameAsAbove` and no text: sorted SDTM data repeats most of its text
    /// (STUDYID, USUBJID, --CAT, VISIT, --DTC down a subject), so the spill shrinks by half.
    @inline(__always)
    static func spillText(_ values: UnsafeBufferPointer<Value>, _ range: Range<Int>,
                          into dest: UnsafeMutableRawPointer, width: Int,
                          ascii: Bool) -> (Int?, Int, Int) {
        let lens = dest.assumingMemoryBound(to: UInt8.self)
        var p = dest + range.count
        var longest = 1
        var previous: (at: UnsafeMutableRawPointer, count: Int)? = nil
        for (i, r) in range.enumerated() {
            guard case .character(let s) = values[r] else { return (r, 0, longest) }
            let n = FileOutput.withBytes(s) { b -> Int in
                guard b.count <= width, !ascii || isASCII(b) else { return -1 }
                if let prev = previous, prev.count == b.count {
                    if b.count == 0 { return -2 }
                    if let base = b.baseAddress, memcmp(prev.at, base, b.count) == 0 { return -2 }
                }
                if let base = b.baseAddress { p.copyMemory(from: base, byteCount: b.count) }
                return b.count
            }
            if n == -1 { return (r, 0, longest) }
            if n == -2 {
                lens[i] = sameAsAbove
                continue
            }
            lens[i] = UInt8(n)
            longest = max(longest, n)
            previous = (p, n)
            p += n
        }
        return (nil, p - dest, longest)
    }

    /// Spill length byte meaning "the same text as the row above" (text is at most 200 bytes).
    static let sameAsAbove: UInt8 = 0xFF

    @inline(__always)
    static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var acc: UInt8 = 0
        for c in b { acc |= c }
        return acc < 0x80
    }

    /// The error for the value at `row` of variable `k` (the first one `encode…` refused).
    func cellError(_ chunk: Dataset, column k: Int, row r: Int, firstRow: Int) -> InputError {
        let name = chunk.columns[k].name
        let at = SourceLocation.dataset(name: dataset, row: firstRow + r + 1, variable: name)
        let v = chunk.columns[k].values[r]
        switch v {
        case .number(let x) where isNumeric[k]:
            let reason: String
            switch IBMFloat.encode(x) {
            case .failure(.overflow): reason = "too large for the IBM format of XPT (|x| < 7.2e75)"
            case .failure(.underflow): reason = "too small for the IBM format of XPT (|x| ≥ 5.4e-79 or 0)"
            default: reason = "not a finite number"
            }
            return InputError(at: at, "numeric value \(reason)", value: "\(x)", expected: "a number XPT v5 can store")
        case .character(let s) where !isNumeric[k]:
            let b = Array(s.utf8)
            if b.count > declared[k] {
                return InputError(at: at, "character value of \(b.count) bytes is longer than the variable's length \(declared[k])",
                                  value: s, expected: "at most \(declared[k]) bytes")
            }
            let bad = b.firstIndex { $0 >= 0x80 } ?? 0
            return InputError(at: at, "non-ASCII character at byte \(bad + 1) of a character value",
                              value: s, expected: "ASCII text (XPT for submission)")
        default:
            return InputError(at: at,
                              isNumeric[k] ? "character value in a numeric variable" : "numeric value in a character variable",
                              value: v.text, expected: isNumeric[k] ? "a number or missing value" : "a character value")
        }
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
}
