import TrialCore

/// A scalar JSON value as found in a Dataset-JSON row.
enum JSONScalar: Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
}

/// A streaming JSON tokenizer over a `FileInput` (no DOM): the caller pulls structural bytes,
/// strings, numbers and literals in document order. Errors carry the byte offset and what
/// was expected.
struct JSONScanner {
    let input: FileInput
    var pos = 0
    private var scratch: [UInt8] = []

    init(input: FileInput) { self.input = input }

    var file: String { input.name }

    /// Absolute byte offset of `pos`.
    var offset: Int { input.baseOffset + pos }

    /// An error at the absolute byte `offset`.
    func error(_ message: String, atOffset offset: Int, expected: String) -> InputError {
        InputError(at: .byteOffset(file: file, offset: offset), message, expected: expected)
    }

    /// An error at buffer index `p` (default: the current position).
    func error(_ message: String, at p: Int? = nil, expected: String) -> InputError {
        InputError(at: .byteOffset(file: file, offset: input.baseOffset + (p ?? pos)), message, expected: expected)
    }

    /// Makes `n` bytes available from `index` (keeping bytes from `keep`); returns the shift.
    @inline(__always)
    mutating func ensure(_ n: Int, at index: Int, keep: Int) throws(InputError) -> Int {
        if index + n <= input.count { return 0 }
        let s = try input.ensure(n, at: index, keepFrom: keep)
        pos -= s
        return s
    }

    /// Skips whitespace and returns the next byte without consuming it (`nil` at end of file).
    @inline(__always)
    mutating func peek() throws(InputError) -> UInt8? {
        while true {
            while pos < input.count {
                let b = input.bytes[pos]
                if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { pos += 1 } else { return b }
            }
            if input.eof { return nil }
            _ = try ensure(1, at: pos, keep: pos)
        }
    }

    /// Consumes `byte` (after whitespace) or throws naming what was expected.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(InputError) {
        guard let b = try peek() else {
            throw error("unexpected end of file", expected: what())
        }
        guard b == byte else { throw error("unexpected \(JSONScanner.describe(b))", expected: what()) }
        pos += 1
    }

    /// After a member or element: consumes `,` and returns true, or consumes `close` and
    /// returns false.
    @inline(__always)
    mutating func commaOr(_ close: UInt8, _ what: @autoclosure () -> String) throws(InputError) -> Bool {
        guard let b = try peek() else { throw error("unexpected end of file", expected: what()) }
        if b == 0x2C { pos += 1; return true }
        if b == close { pos += 1; return false }
        throw error("unexpected \(JSONScanner.describe(b))", expected: what())
    }

    static func describe(_ b: UInt8) -> String {
        (0x21..<0x7F).contains(b) ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    /// Reads a string (the next token must be `"`).
    mutating func readString() throws(InputError) -> String {
        guard let b = try peek(), b == 0x22 else {
            throw error(try peek().map { "unexpected \(JSONScanner.describe($0))" } ?? "unexpected end of file",
                        expected: "a string")
        }
        var i = pos + 1
        var escaped = false
        while true {
            let n = input.count
            while i < n {
                let c = input.bytes[i]
                if c == 0x22 { break }
                if c == 0x5C { escaped = true; i += 2; continue }
                if c < 0x20 { throw error("control character in a string", at: i, expected: "an escaped character (\\n, \\t, \\u00XX)") }
                i += 1
            }
            if i < input.count { break }
            if input.eof { throw error("unterminated string", at: pos, expected: "a closing '\"'") }
            i -= try ensure(i - pos + 1, at: pos, keep: pos)
        }
        let contentStart = pos + 1
        let body = UnsafeBufferPointer(start: input.bytes + contentStart, count: i - contentStart)
        pos = i + 1
        if !escaped {
            if let s = UTF8Validation.string(body) { return s }
            let bad = UTF8Validation.firstInvalidIndex(body) ?? 0
            throw error("invalid UTF-8 in a string", at: contentStart + bad, expected: "UTF-8 text")
        }
        return try unescape(body, base: contentStart)
    }

    private mutating func unescape(_ body: UnsafeBufferPointer<UInt8>, base: Int) throws(InputError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var k = 0
        while k < body.count {
            let c = body[k]
            if c != 0x5C { scratch.append(c); k += 1; continue }
            guard k + 1 < body.count else { throw error("bad escape", at: base + k, expected: "an escape sequence") }
            let e = body[k + 1]
            k += 2
            switch e {
            case 0x22: scratch.append(0x22)
            case 0x5C: scratch.append(0x5C)
            case 0x2F: scratch.append(0x2F)
            case 0x62: scratch.append(0x08)
            case 0x66: scratch.append(0x0C)
            case 0x6E: scratch.append(0x0A)
            case 0x72: scratch.append(0x0D)
            case 0x74: scratch.append(0x09)
            case 0x75:
                guard var u = hex4(body, k) else {
                    throw error("bad \\u escape", at: base + k - 2, expected: "\\u and 4 hex digits")
                }
                k += 4
                if (0xD800...0xDBFF).contains(u) {
                    guard k + 6 <= body.count, body[k] == 0x5C, body[k + 1] == 0x75, let lo = hex4(body, k + 2),
                          (0xDC00...0xDFFF).contains(lo) else {
                        throw error("unpaired surrogate in \\u escape", at: base + k - 6, expected: "a low surrogate \\uDC00–\\uDFFF")
                    }
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                    k += 6
                } else if (0xDC00...0xDFFF).contains(u) {
                    throw error("unpaired surrogate in \\u escape", at: base + k - 6, expected: "a high surrogate first")
                }
                let scalar = Unicode.Scalar(u) ?? "\u{FFFD}"
                scratch.append(contentsOf: Array(String(scalar).utf8))
            default:
                throw error("bad escape \\\(Character(Unicode.Scalar(e)))", at: base + k - 2,
                            expected: "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
            }
        }
        if let s = scratch.withUnsafeBufferPointer({ UTF8Validation.string($0) }) { return s }
        throw error("invalid UTF-8 in a string", at: base, expected: "UTF-8 text")
    }

    private func hex4(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        guard at + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let c = b[k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    /// Reads a number token; integers of up to 15 digits are converted without a string.
    mutating func readNumber() throws(InputError) -> Double {
        var i = pos
        while true {
            while i < input.count {
                let c = input.bytes[i]
                if (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2B || c == 0x2E || c == 0x65 || c == 0x45 { i += 1 } else { break }
            }
            if i < input.count || input.eof { break }
            i -= try ensure(i - pos + 1, at: pos, keep: pos)
        }
        let tokenStart = pos
        let token = UnsafeBufferPointer(start: input.bytes + tokenStart, count: i - tokenStart)
        guard JSONScanner.isValidNumber(token) else {
            throw error("malformed number '\(String(decoding: token, as: UTF8.self))'", at: tokenStart,
                        expected: "a JSON number")
        }
        pos = i
        // Fast path: optional minus and at most 15 digits.
        var neg = false, k = 0, v: Int64 = 0
        if token[0] == 0x2D { neg = true; k = 1 }
        if token.count - k <= 15 {
            var allDigits = true
            while k < token.count {
                let c = token[k]
                if c < 0x30 || c > 0x39 { allDigits = false; break }
                v = v * 10 + Int64(c - 0x30)
                k += 1
            }
            if allDigits { return neg ? (v == 0 ? -0.0 : -Double(v)) : Double(v) }
        }
        return Double(String(decoding: token, as: UTF8.self)) ?? .nan
    }

    /// RFC 8259 number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    static func isValidNumber(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        let n = t.count
        func digit(_ i: Int) -> Bool { i < n && t[i] >= 0x30 && t[i] <= 0x39 }
        if k < n && t[k] == 0x2D { k += 1 }
        guard digit(k) else { return false }
        if t[k] == 0x30 { k += 1 } else { while digit(k) { k += 1 } }
        if k < n && t[k] == 0x2E {
            k += 1
            guard digit(k) else { return false }
            while digit(k) { k += 1 }
        }
        if k < n && (t[k] == 0x65 || t[k] == 0x45) {
            k += 1
            if k < n && (t[k] == 0x2B || t[k] == 0x2D) { k += 1 }
            guard digit(k) else { return false }
            while digit(k) { k += 1 }
        }
        return k == n
    }

    /// Reads `true`, `false` or `null`.
    mutating func readLiteral() throws(InputError) -> JSONScalar {
        _ = try ensure(5, at: pos, keep: pos)
        func matches(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard pos + w.count <= input.count else { return false }
            for k in 0..<w.count where input.bytes[pos + k] != w[k] { return false }
            return true
        }
        if matches("true") { pos += 4; return .bool(true) }
        if matches("false") { pos += 5; return .bool(false) }
        if matches("null") { pos += 4; return .null }
        throw error("unexpected \(JSONScanner.describe(input.bytes[pos]))", expected: "a JSON value")
    }

    /// Reads a scalar value (string, number, true, false, null); arrays and objects are errors.
    mutating func readScalar(_ what: @autoclosure () -> String) throws(InputError) -> JSONScalar {
        guard let b = try peek() else { throw error("unexpected end of file", expected: what()) }
        switch b {
        case 0x22: return .string(try readString())
        case 0x2D, 0x30...0x39: return .number(try readNumber())
        case 0x74, 0x66, 0x6E: return try readLiteral()
        default: throw error("unexpected \(JSONScanner.describe(b))", expected: what())
        }
    }

    /// Skips any value, nested or not.
    mutating func skipValue() throws(InputError) {
        guard let b = try peek() else { throw error("unexpected end of file", expected: "a JSON value") }
        switch b {
        case 0x7B:
            pos += 1
            if try peek() == 0x7D { pos += 1; return }
            repeat {
                _ = try readString()
                try expect(0x3A, "':'")
                try skipValue()
            } while try commaOr(0x7D, "',' or '}'")
        case 0x5B:
            pos += 1
            if try peek() == 0x5D { pos += 1; return }
            repeat { try skipValue() } while try commaOr(0x5D, "',' or ']'")
        default:
            _ = try readScalar("a JSON value")
        }
    }
}
