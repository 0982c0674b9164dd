import TrialCore

/// The parsed ISO 8601 dates of one column, compactly: each row's index into a table of the
/// distinct parsed texts (a date repeated on thousands of rows is stored once), with the
/// complete calendar date of each table entry at hand.
///
/// `dates[r]` is what `SDTMData.parseDates(values)[r]` gives: `nil` for an empty or malformed text.
struct ParsedDates: Sendable {
    /// Per row: index into `table`, or −1 (empty or malformed).
    let codes: [Int32]
    /// The distinct parsed dates.
    let table: [PartialDateTime]
    /// `table[i].date` (the complete date, `nil` when partial).
    let complete: [CalendarDate?]

    /// Parses `values`, each distinct text once (runs of equal values looked up once).
    init(_ values: [Value]) {
        var memo: [String: Int32] = [:]
        var table: [PartialDateTime] = []
        var codes: [Int32] = []
        codes.reserveCapacity(values.count)
        for (r, v) in values.enumerated() {
            if r > 0, SDTMData.sameText(v, values[r - 1]) { codes.append(codes[r - 1]); continue }
            let t = v.text
            if t.isEmpty { codes.append(-1); continue }
            if let hit = memo[t] { codes.append(hit); continue }
            var code: Int32 = -1
            if let p = try? PartialDateTime.parseISO8601(t.trimmedBlanks) {
                code = Int32(table.count)
                table.append(p)
            }
            memo[t] = code
            codes.append(code)
        }
        self.codes = codes
        self.table = table
        complete = table.map(\.date)
    }

    /// The number of rows.
    var count: Int { codes.count }

    /// The parsed date of row `r` (`nil`: empty or malformed).
    subscript(r: Int) -> PartialDateTime? {
        let c = codes[r]
        return c < 0 ? nil : table[Int(c)]
    }
}
