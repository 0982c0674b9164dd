import TrialCore

/// Small readers of cell values shared by the rules.
enum ValueReading {
    /// The number in `v`: a numeric value, or character text that parses as a number
    /// (datasets read from CSV); `nil` when missing or not a number.
    @inline(__always) static func number(_ v: Value) -> Double? {
        switch v {
        case .number(let x): return x
        case .missing: return nil
        case .character(let s):
            let t = s.trimmedSpaces()
            return t.isEmpty ? nil : Double(t)
        }
    }

    /// True for numeric missing values and empty or all-blank text (a byte-level, faster
    /// `Value.isMissing`).
    @inline(__always) static func isMissing(_ v: Value) -> Bool {
        switch v {
        case .number: return false
        case .missing: return true
        case .character(let s): return s.utf8.allSatisfy { $0 == 32 }
        }
    }

    /// A 64-bit FNV-1a hash of a value, mixed into `h` (numbers by bit pattern, text by UTF-8
    /// bytes, missing as a marker); used to bucket records before comparing them exactly.
    @inline(__always) static func mix(_ h: UInt64, _ v: Value) -> UInt64 {
        var x = h
        switch v {
        case .number(let d):
            x = (x ^ d.bitPattern) &* 0x100000001b3
        case .missing:
            x = (x ^ 0x9e3779b97f4a7c15) &* 0x100000001b3
        case .character(let s):
            for b in s.utf8 { x = (x ^ UInt64(b)) &* 0x100000001b3 }
            x = (x ^ 0xff) &* 0x100000001b3
        }
        return x
    }

    /// A SAS date from a numeric date value or an ISO 8601 `YYYY-MM-DD…` text; `nil` when
    /// missing or unreadable.
    static func sasDate(_ v: Value) -> Int? {
        switch v {
        case .number(let x): return x.isFinite ? Int(x.rounded(.down)) : nil
        case .missing: return nil
        case .character(let s):
            let d = DateColumn.code(s)
            return DateColumn.isDate(d) ? Int(d) : nil
        }
    }

    /// Text shown for a date value in messages: the ISO date for a numeric SAS date.
    static func dateText(_ v: Value) -> String {
        if case .number(let x) = v, x.isFinite, abs(x) < 3_000_000 {
            return CalendarDate(sasDate: Int(x.rounded(.down))).iso8601
        }
        return v.text
    }

    /// A list for messages: `A, B, C` or `A, B, C, … (12 in all)` past `limit` items.
    static func list(_ items: [String], limit: Int = 10) -> String {
        if items.count <= limit { return items.joined(separator: ", ") }
        return items.prefix(limit).joined(separator: ", ") + ", … (\(items.count) in all)"
    }
}

extension String {
    /// The string without leading and trailing blanks.
    func trimmedSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
