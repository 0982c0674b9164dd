import Foundation
import Survival
import TrialCore

/// The analysis vectors of one survival subcommand: rows filtered by `--where`, rows with a
/// missing value in any used variable dropped (and counted), outcome decoded.
final class SurvivalRows {
    /// A categorical variable coded in R's level order, with its output labels.
    struct Grouping {
        let name: String
        let coding: FactorCoding
        /// JSON value of each level: a number for numeric variables, else the text.
        let jsonLevels: [JSONValue]
    }

    let time: [Double]
    let event: [Bool]
    /// Rows kept by `--where`.
    let nSelected: Int
    /// Of those, rows dropped for missing values.
    let nDropped: Int
    /// The kept rows (indices into the table), for extracting more variables.
    let rows: [Int]
    /// True when every table row is kept: columns are then used without copying.
    let identity: Bool
    private(set) var table: SurvivalTable

    /// Builds the rows: `--where` first, then complete cases over `used` plus time and outcome.
    init(table: SurvivalTable, options: SurvivalInputOptions, used: [String]) throws {
        self.table = table
        let filters = try options.parsedFilters()
        var selected: [Int] = []
        selected.reserveCapacity(table.rowCount)
        let filterCols = filters.map { (table.column($0.variable), $0.value, Double($0.value)) }
        for i in 0..<table.rowCount {
            var ok = true
            for (col, value, num) in filterCols {
                if let texts = col.texts {
                    if texts[i]?.trimmingCharacters(in: .whitespaces) != value { ok = false; break }
                } else if let num {
                    if col.numbers[i] != num { ok = false; break }
                } else { ok = false; break }
            }
            if ok { selected.append(i) }
        }
        let needed = [options.time, options.outcomeVariable] + used
        let cols = needed.map { table.column($0) }
        let kept = selected.filter { i in !cols.contains { $0.isMissing(i) } }
        // time must be numeric and ≥ 0
        let tcol = table.column(options.time)
        if let bad = tcol.firstText, tcol.isText {
            throw InputError(at: bad.location, "the time variable \(options.time) holds text", value: bad.value, expected: "a number")
        }
        for i in kept where tcol.numbers[i] < 0 {
            throw InputError(at: table.location(row: i, variable: options.time), "negative time",
                             value: "\(tcol.numbers[i])", expected: "a time >= 0")
        }
        let identity = kept.count == table.rowCount
        let time = identity ? tcol.numbers : kept.map { tcol.numbers[$0] }
        // outcome
        let ocol = table.column(options.outcomeVariable)
        var event = [Bool](repeating: false, count: kept.count)
        if let ev = options.event {
            let values = splitList(options.eventValues)
            let nums = values.compactMap { Double($0) }
            for (k, i) in kept.enumerated() {
                if let texts = ocol.texts { event[k] = values.contains(texts[i]!.trimmingCharacters(in: .whitespaces)) }
                else { event[k] = nums.contains(ocol.numbers[i]) }
            }
            _ = ev
        } else {
            if let bad = ocol.firstText, ocol.isText {
                throw InputError(at: bad.location, "the censoring variable \(options.censor) holds text", value: bad.value,
                                 expected: "a number (0 = event, other = censored); use --event for text outcomes")
            }
            for (k, i) in kept.enumerated() { event[k] = ocol.numbers[i] == 0 }
        }
        self.time = time
        self.event = event
        self.nSelected = selected.count
        self.nDropped = selected.count - kept.count
        self.rows = kept
        self.identity = identity
        if options.outcomeVariable != options.time && !used.contains(options.outcomeVariable) {
            self.table.release([options.outcomeVariable])
        }
    }

    /// Numeric values of `name` on the kept rows; text is an input error.
    func numbers(_ name: String, what: String) throws -> [Double] {
        let c = table.column(name)
        if let bad = c.firstText, c.isText {
            throw InputError(at: bad.location, "the \(what) variable \(name) holds text", value: bad.value, expected: "a number")
        }
        return identity ? c.numbers : rows.map { c.numbers[$0] }
    }

    /// Frees table columns that have been turned into model inputs.
    func release(_ names: [String]) { table.release(names) }

    /// Positive weights of `name`.
    func weights(_ name: String) throws -> [Double] {
        let w = try numbers(name, what: "weights")
        for (k, v) in w.enumerated() where !(v > 0) {
            throw InputError(at: table.location(row: rows[k], variable: name), "case weight is not positive", value: "\(v)", expected: "a weight > 0")
        }
        return w
    }

    /// `name` coded as a factor (numbers numerically, text by byte order).
    func grouping(_ name: String) -> Grouping {
        let c = table.column(name)
        if let texts = c.texts {
            let coding = FactorCoding(text: rows.map { texts[$0]! })
            return Grouping(name: name, coding: coding, jsonLevels: coding.levels.map { .string($0) })
        }
        let vals = rows.map { c.numbers[$0] }
        let coding = FactorCoding(numbers: vals)
        let levels = Array(Set(vals)).sorted()
        return Grouping(name: name, coding: coding, jsonLevels: levels.map { .number($0) })
    }

    /// Several variables combined into one stratum code, first variable varying slowest (R's `strata()`).
    func combinedStrata(_ names: [String]) -> (codes: [Int], labels: [String])? {
        if names.isEmpty { return nil }
        let groups = names.map { grouping($0) }
        var codes = [Int](repeating: 0, count: rows.count)
        for g in groups {
            for k in 0..<rows.count { codes[k] = codes[k] * g.coding.levels.count + g.coding.codes[k] }
        }
        // compress to the levels present, in order
        let present = Array(Set(codes)).sorted()
        var index: [Int: Int] = [:]
        for (k, v) in present.enumerated() { index[v] = k }
        let labels = present.map { v -> String in
            var rest = v
            var parts: [String] = []
            for g in groups.reversed() {
                let n = g.coding.levels.count
                parts.append("\(g.name)=\(g.coding.levels[rest % n])")
                rest /= n
            }
            return parts.reversed().joined(separator: ", ")
        }
        return (codes.map { index[$0]! }, labels)
    }
}
