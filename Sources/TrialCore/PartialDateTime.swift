/// An ISO 8601 date or date-time that may be partial, as SDTM `--DTC` variables and ODM
/// `partialDate`/`partialDatetime` items hold them.
///
/// Precision is reduced by right truncation (`2021-03-15T10:20`, `2021-03-15`, `2021-03`,
/// `2021`); an unknown inner component is written with a hyphen (`2021---15`). Nothing is
/// imputed here: imputation belongs to ADaM.
public struct PartialDateTime: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Year, or `nil` when unknown.
    public var year: Int?
    /// Month 1–12, or `nil` when unknown.
    public var month: Int?
    /// Day of month, or `nil` when unknown.
    public var day: Int?
    /// Hour 0–23, or `nil` when not collected.
    public var hour: Int?
    /// Minute 0–59, or `nil`.
    public var minute: Int?
    /// Second 0–59, or `nil`.
    public var second: Int?

    /// Creates a (possibly partial) date-time. Use `validated()` to check the calendar.
    public init(year: Int?, month: Int? = nil, day: Int? = nil, hour: Int? = nil,
                minute: Int? = nil, second: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// A complete date at day precision.
    public init(_ date: CalendarDate) {
        self.init(year: date.year, month: date.month, day: date.day)
    }

    /// The complete calendar date when year, month and day are all known.
    public var date: CalendarDate? {
        guard let year, let month, let day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// True when year, month and day are known.
    public var isCompleteDate: Bool { date != nil }

    /// ISO 8601 extended form with right truncation and hyphens for unknown inner parts.
    public var iso8601: String {
        func pad(_ n: Int?, _ w: Int) -> String {
            guard let n else { return "-" }
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        let hasTime = hour != nil || minute != nil || second != nil
        // Date part, right-truncated after the last known component.
        var parts: [String] = [pad(year, 4)]
        let lastDate = day != nil ? 2 : month != nil ? 1 : 0
        if lastDate >= 1 || hasTime { parts.append(pad(month, 2)) }
        if lastDate >= 2 || hasTime { parts.append(pad(day, 2)) }
        var s = parts.joined(separator: "-")
        if year == nil && month == nil && day == nil && !hasTime { return "" }
        if hasTime {
            var t = [pad(hour, 2)]
            if minute != nil || second != nil { t.append(pad(minute, 2)) }
            if second != nil { t.append(pad(second, 2)) }
            s += "T" + t.joined(separator: ":")
        }
        return s
    }

    /// Same as `iso8601`.
    public var description: String { iso8601 }

    /// Checks ranges and, where year, month and day are known, that the day exists.
    public func validated() throws(DateError) -> PartialDateTime {
        if let y = year, !(1...9999).contains(y) { throw DateError("year out of range", expected: "1–9999") }
        if let m = month, !(1...12).contains(m) { throw DateError("month out of range", expected: "01–12") }
        if let d = day {
            let maxDay = (year != nil && month != nil)
                ? CalendarDate.daysInMonth(year: year!, month: month!) : 31
            if !(1...maxDay).contains(d) {
                throw DateError("day out of range for the month", expected: "a calendar date (day 01–\(maxDay))")
            }
        }
        if let h = hour, !(0...23).contains(h) { throw DateError("hour out of range", expected: "00–23") }
        if let m = minute, !(0...59).contains(m) { throw DateError("minute out of range", expected: "00–59") }
        if let s = second, !(0...59).contains(s) { throw DateError("second out of range", expected: "00–59") }
        return self
    }

    /// Parses ISO 8601 extended `YYYY[-MM[-DD[Thh[:mm[:ss[.fff]]]]]]`, with `-` for unknown inner
    /// components (`2021---15`, `----03-15`); `""` is not a date. Fractional seconds and a
    /// trailing `Z` or `±hh:mm` offset are accepted and dropped.
    public static func parseISO8601(_ text: String) throws(DateError) -> PartialDateTime {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw DateError("empty date", expected: "ISO 8601 YYYY-MM-DD") }
        var datePart = bytes[...]
        var timePart: ArraySlice<UInt8>? = nil
        if let t = bytes.firstIndex(of: UInt8(ascii: "T")) {
            datePart = bytes[..<t]
            timePart = bytes[(t + 1)...]
        }
        // Date: fixed positions YYYY-MM-DD, each field digits or all hyphens.
        func field(_ s: ArraySlice<UInt8>, _ from: Int, _ width: Int) throws(DateError) -> Int? {
            let start = s.startIndex + from
            guard start + width <= s.endIndex else { throw DateError("malformed ISO 8601 date", expected: "YYYY-MM-DD") }
            let f = s[start..<(start + width)]
            if f.allSatisfy({ $0 == UInt8(ascii: "-") }) { return nil }
            var n = 0
            for b in f {
                guard b >= 48, b <= 57 else { throw DateError("malformed ISO 8601 date", expected: "YYYY-MM-DD") }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        var r = PartialDateTime(year: nil)
        // Date part: components separated by `-`; an unknown component is a single `-`
        // (SDTMIG: `2003---15`, `--12-15`, `-----T13:15`).
        var i = datePart.startIndex
        func component(_ width: Int) throws(DateError) -> (known: Bool, value: Int?) {
            if i < datePart.endIndex, datePart[i] == UInt8(ascii: "-") {
                i += 1
                return (false, nil)
            }
            guard i + width <= datePart.endIndex else { throw DateError("malformed ISO 8601 date", expected: "YYYY, YYYY-MM or YYYY-MM-DD") }
            var n = 0
            for b in datePart[i..<(i + width)] {
                guard b >= 48, b <= 57 else { throw DateError("malformed ISO 8601 date", expected: "YYYY, YYYY-MM or YYYY-MM-DD") }
                n = n * 10 + Int(b - 48)
            }
            i += width
            return (true, n)
        }
        func separator() throws(DateError) -> Bool {
            guard i < datePart.endIndex else { return false }
            guard datePart[i] == UInt8(ascii: "-") else { throw DateError("malformed ISO 8601 date", expected: "YYYY-MM-DD") }
            i += 1
            return true
        }
        if !datePart.isEmpty {
            r.year = try component(4).value
            if try separator(), i <= datePart.endIndex {
                r.month = try component(2).value
                if try separator() { r.day = try component(2).value }
            }
            guard i == datePart.endIndex else { throw DateError("malformed ISO 8601 date", expected: "YYYY, YYYY-MM or YYYY-MM-DD") }
        }
        if r.year == nil, r.month == nil, r.day == nil, timePart == nil {
            throw DateError("malformed ISO 8601 date", expected: "YYYY, YYYY-MM or YYYY-MM-DD")
        }
        if var t = timePart {
            // Drop a zone designator and fractional seconds.
            if let z = t.firstIndex(where: { $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: "+") }) { t = t[..<z] }
            if t.count > 8, let minus = t[(t.startIndex + 8)...].firstIndex(of: UInt8(ascii: "-")) { t = t[..<minus] }
            if let dot = t.firstIndex(of: UInt8(ascii: ".")) { t = t[..<dot] }
            guard t.count == 2 || t.count == 5 || t.count == 8 else {
                throw DateError("malformed ISO 8601 time", expected: "hh, hh:mm or hh:mm:ss")
            }
            r.hour = try field(t, 0, 2)
            if t.count >= 5 {
                guard t[t.startIndex + 2] == UInt8(ascii: ":") else { throw DateError("malformed ISO 8601 time", expected: "hh:mm") }
                r.minute = try field(t, 3, 2)
            }
            if t.count == 8 {
                guard t[t.startIndex + 5] == UInt8(ascii: ":") else { throw DateError("malformed ISO 8601 time", expected: "hh:mm:ss") }
                r.second = try field(t, 6, 2)
            }
        }
        return try r.validated()
    }
}

/// Why a date could not be read: what is wrong and what form was expected.
public struct DateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `day out of range for the month`.
    public var message: String
    /// What was expected, e.g. `a calendar date (day 01–28)`.
    public var expected: String

    /// Creates a date error.
    public init(_ message: String, expected: String) {
        self.message = message
        self.expected = expected
    }

    /// `message (expected …)`.
    public var description: String { "\(message) (expected \(expected))" }
}
