import TrialCore

/// A row filter declared in configuration: variables that must hold one of the listed values
/// (`where`) and variables that must not (`exclude`).
///
/// YAML: `where: {RSTESTCD: INTRHRSP, RSSTRESC: [CR, PR, SD]}`; a value may be a scalar or a
/// list; `""` matches a missing value; a value ending in `*` matches by prefix
/// (`TULOC: [LIVER, "LIVER SEGMENT*"]`). Values are compared as text after trimming blanks,
/// case-sensitively (CDISC submission values are upper case). A variable absent from the
/// dataset holds the missing value.
public struct RecordFilter: Sendable, Hashable, Codable {
    /// Variable → accepted values (all must match).
    public var include: [String: [String]]
    /// Variable → rejected values (none may match).
    public var exclude: [String: [String]]

    /// Creates a filter; an empty filter keeps every row.
    public init(include: [String: [String]] = [:], exclude: [String: [String]] = [:]) {
        self.include = include
        self.exclude = exclude
    }

    /// A filter that keeps every row.
    public static let all = RecordFilter()

    /// The filter bound to the columns of `dataset`, for testing many rows quickly.
    public func compiled(for dataset: Dataset) -> CompiledRecordFilter {
        // An absent variable holds the missing value on every row (`nil` here).
        func values(_ name: String) -> [Value]? { dataset.column(name)?.values }
        return CompiledRecordFilter(include: include.keys.sorted().map { (values($0), include[$0]!) },
                                    exclude: exclude.keys.sorted().map { (values($0), exclude[$0]!) })
    }

    /// True when row `row` of `dataset` passes the filter.
    public func matches(_ dataset: Dataset, row: Int) -> Bool {
        for (name, accepted) in include {
            let t = dataset.text(name, row: row).trimmedBlanks
            if !RecordFilter.matchesAny(t, accepted) { return false }
        }
        for (name, rejected) in exclude {
            let t = dataset.text(name, row: row).trimmedBlanks
            if RecordFilter.matchesAny(t, rejected) { return false }
        }
        return true
    }

    /// True when `text` equals one of `patterns` or starts with a pattern's text before a final `*`.
    static func matchesAny(_ text: String, _ patterns: [String]) -> Bool {
        for p in patterns {
            if p.hasSuffix("*") {
                if text.hasPrefix(p.dropLast()) { return true }
            } else if p == text { return true }
        }
        return false
    }

    /// The variables the filter reads, sorted.
    public var variables: [String] { Array(Set(include.keys).union(exclude.keys)).sorted() }

    /// `RSTESTCD in (INTRHRSP) and RSSTRESC not in (NE)`, for messages and documentation.
    public var description: String {
        var parts: [String] = []
        for k in include.keys.sorted() { parts.append("\(k) in (\(include[k]!.joined(separator: ", ")))") }
        for k in exclude.keys.sorted() { parts.append("\(k) not in (\(exclude[k]!.joined(separator: ", ")))") }
        return parts.isEmpty ? "all records" : parts.joined(separator: " and ")
    }
}

/// A YAML scalar or list of scalars, decoded as a list of strings (`PD` or `[CR, PR]`).
struct StringList: Codable, Hashable {
    var values: [String]

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let list = try? c.decode([String].self) { values = list }
        else if let s = try? c.decode(String.self) { values = [s] }
        else if let n = try? c.decode(Int.self) { values = [String(n)] }
        else if let x = try? c.decode(Double.self) { values = [Value.format(x)] }
        else if c.decodeNil() { values = [""] }
        else { throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a value or a list of values")) }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(values)
    }
}

extension RecordFilter {
    /// Decodes `where:` / `exclude:` maps of a source declaration (either may be absent).
    static func decode<K: CodingKey>(from c: KeyedDecodingContainer<K>, where w: K, exclude x: K) throws -> RecordFilter {
        let inc = try c.decodeIfPresent([String: StringList].self, forKey: w) ?? [:]
        let exc = try c.decodeIfPresent([String: StringList].self, forKey: x) ?? [:]
        return RecordFilter(include: inc.mapValues(\.values), exclude: exc.mapValues(\.values))
    }
}

/// A `RecordFilter` bound to one dataset's columns (see `RecordFilter.compiled(for:)`).
public struct CompiledRecordFilter: Sendable {
    /// One variable's test: its values (`nil`: absent, i.e. missing on every row) and the
    /// accepted (or rejected) texts, split into exact values and prefixes (a pattern's text
    /// before its final `*`).
    struct Test: Sendable {
        let values: [Value]?
        let exact: [String]
        let prefixes: [String]

        init(_ values: [Value]?, _ patterns: [String]) {
            self.values = values
            exact = patterns.filter { !$0.hasSuffix("*") }
            prefixes = patterns.filter { $0.hasSuffix("*") }.map { String($0.dropLast()) }
        }

        /// `RecordFilter.matchesAny` of row `row`'s trimmed text.
        func matches(row: Int) -> Bool {
            let text = values.map { CompiledRecordFilter.text($0[row]) } ?? ""
            for p in exact where p == text { return true }
            for p in prefixes where text.hasPrefix(p) { return true }
            return false
        }
    }

    let include: [Test]
    let exclude: [Test]

    init(include: [([Value]?, [String])], exclude: [([Value]?, [String])]) {
        self.include = include.map { Test($0.0, $0.1) }
        self.exclude = exclude.map { Test($0.0, $0.1) }
    }

    /// True when the filter keeps every row.
    public var isEmpty: Bool { include.isEmpty && exclude.isEmpty }

    /// True when row `row` passes the filter.
    public func matches(row: Int) -> Bool {
        for t in include where !t.matches(row: row) { return false }
        for t in exclude where t.matches(row: row) { return false }
        return true
    }

    /// The value's text without surrounding blanks (no copy when there are none).
    static func text(_ v: Value) -> String {
        // Fast path: a character value whose first and last bytes are not space or tab (a
        // space or tab Character is that one byte).
        if case .character(let t) = v, let f = t.utf8.first, let l = t.utf8.last,
           f != 0x20, f != 0x09, l != 0x20, l != 0x09 { return t }
        let t = v.text
        if let f = t.first, let l = t.last, f != " ", l != " ", f != "\t", l != "\t" { return t }
        return t.trimmedBlanks
    }
}
