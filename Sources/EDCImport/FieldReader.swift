import StudyModel
import TrialCore

/// Reads typed model values out of one source record through an entity mapping, collecting a
/// rejection for every problem (unknown code, impossible date, missing required value, …).
struct FieldReader {
    typealias Field = CompiledEntity.Field
    let record: SourceRecord
    /// The entity mapping, prepared.
    let compiled: CompiledEntity
    /// Date layout of CSV date fields without their own `dateFormat`.
    let csvDateFormat: EDCDateFormat
    /// Problems found so far.
    var problems: [Rejection] = []

    private let cache: ParseCache

    init(record: SourceRecord, entity: CompiledEntity, csvDateFormat: EDCDateFormat, cache: ParseCache) {
        self.cache = cache
        self.record = record
        self.compiled = entity
        self.csvDateFormat = csvDateFormat
    }

    /// Which entity the record is for.
    var kind: EntityKind { compiled.kind }

    /// True when the mapping maps model field `name`.
    func maps(_ name: String) -> Bool { compiled.field(name) != nil }

    private mutating func problem(_ f: Field, _ what: String, _ source: String,
                                  value: String? = nil, expected: String? = nil) {
        let isItem = f.odm == nil || f.list != nil
        problems.append(Rejection(entity: compiled.kind, location: record.location(of: source, isItem: isItem),
                                  reason: "\(what) for \(f.field) (\(source))", value: value, expected: expected))
    }

    /// The record-level problem `reason`.
    mutating func reject(_ reason: String, value: String? = nil, expected: String? = nil, at location: SourceLocation? = nil) {
        problems.append(Rejection(entity: compiled.kind, location: location ?? record.location, reason: reason, value: value, expected: expected))
    }

    /// The raw text after `whenBlank`, or `nil` for a blank (a missing required value is a problem).
    private mutating func nonBlank(_ f: Field) -> (text: String, source: String, fromBlank: Bool)? {
        let r = record.raw(f.mapping, slot: f.slot)
        if !r.text.isEmpty { return (r.text, r.source, false) }
        if let w = f.whenBlank { return (w, r.source, true) }
        if f.required { problem(f, "missing required value", r.source) }
        return nil
    }

    /// Free text.
    mutating func text(_ name: String) -> String? {
        guard let f = compiled.field(name), let r = nonBlank(f) else { return nil }
        return r.text
    }

    /// A whole number, range-checked.
    mutating func int(_ name: String) -> Int? {
        guard let f = compiled.field(name), let r = nonBlank(f) else { return nil }
        return integer(r.text, f, r.source)
    }

    private mutating func integer(_ text: String, _ f: Field, _ source: String) -> Int? {
        guard let n = Int(text) ?? Double(text).flatMap({ $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }) else {
            problem(f, "not a whole number", source, value: text, expected: "an integer, e.g. 3")
            return nil
        }
        return inRange(Double(n), f, source, text) ? n : nil
    }

    /// A decimal number, range-checked.
    mutating func double(_ name: String) -> Double? {
        guard let f = compiled.field(name), let r = nonBlank(f) else { return nil }
        guard let x = Double(r.text), x.isFinite else {
            problem(f, "not a number", r.source, value: r.text, expected: "a decimal number with '.', e.g. 12.5")
            return nil
        }
        return inRange(x, f, r.source, r.text) ? x : nil
    }

    private mutating func inRange(_ x: Double, _ f: Field, _ source: String, _ text: String) -> Bool {
        guard let r = f.range, r.count == 2 else { return true }
        if x < r[0] || x > r[1] {
            problem(f, "value out of range", source, value: text, expected: "\(Self.show(r[0]))–\(Self.show(r[1]))")
            return false
        }
        return true
    }

    static func show(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }

    /// A (possibly partial) date: CSV in the field's or dialect's layout, ODM in ISO 8601.
    mutating func date(_ name: String) -> PartialDateTime? {
        guard let f = compiled.field(name), let r = nonBlank(f) else { return nil }
        let format: EDCDateFormat
        if case .odm = record { format = .iso8601 } else { format = f.dateFormat?.format ?? csvDateFormat }
        switch cache.date(r.text, format) {
        case .success(let d):
            return d
        case .failure(let error):
            let impossible = error.message.contains("out of range")
            let what = impossible ? "impossible date" : error.message == "malformed date" ? "malformed date" : "malformed date (\(error.message))"
            problem(f, what, r.source, value: r.text, expected: error.expected)
            return nil
        }
    }

    /// The model raw value of a coded field (after `codes`), or the `whenBlank` value.
    mutating func codedRaw(_ name: String) -> (value: String, f: Field, source: String, text: String)? {
        guard let f = compiled.field(name), let r = nonBlank(f) else { return nil }
        if r.fromBlank { return (r.text, f, r.source, "") }
        guard let codes = f.codes else { return (r.text, f, r.source, r.text) }
        guard let v = codes.value(forCode: r.text) else {
            problem(f, "unknown code", r.source, value: r.text, expected: "one of " + codes.codes.joined(separator: ", "))
            return nil
        }
        return (v, f, r.source, r.text)
    }

    /// A coded field as a model enum.
    mutating func code<E: RawRepresentable>(_ name: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let c = codedRaw(name) else { return nil }
        guard let e = E(rawValue: c.value) else {
            problem(c.f, "the mapping turns the code into a value the model does not know", c.source, value: c.value,
                    expected: "a raw value of \(E.self)")
            return nil
        }
        return e
    }

    /// A yes/no field (codes mapping to `true`/`false`).
    mutating func bool(_ name: String) -> Bool? {
        guard let c = codedRaw(name) else { return nil }
        switch c.value.lowercased() {
        case "true": return true
        case "false": return false
        default:
            problem(c.f, "the mapping turns the code into a value that is not true/false", c.source, value: c.value, expected: "true or false")
            return nil
        }
    }

    /// A visit: CSV from its column (after `codes`), ODM from the study event.
    mutating func visit(_ name: String) -> Visit? {
        guard let f = compiled.field(name) else { return nil }
        if case .odm(let r) = record, f.odm == .studyEvent {
            if let v = r.visit { return v }
            problem(f, "study event is not a visit of the mapping", "StudyEventOID",
                    value: r.event.1.map { "\(r.event.0),\($0)" } ?? r.event.0, expected: "a StudyEventOID listed under visits:")
            return nil
        }
        guard let c = codedRaw(name) else { return nil }
        guard let v = cache.visit(c.value) else {
            problem(f, "unknown visit", c.source, value: c.value, expected: "BASELINE, MONTH 3 … MONTH 24, or UNSCHEDULED m.k")
            return nil
        }
        return v
    }

    /// A `values` list of codes as model enums (blanks skipped, order kept).
    mutating func codeList<E: RawRepresentable>(_ name: String, _ type: E.Type) -> [E] where E.RawValue == String {
        guard let f = compiled.field(name), let l = f.list else { return [] }
        var out: [E] = []
        for r in record.rawList(f.mapping, l, slot: f.slot) where !r.text.isEmpty {
            if l.shape == .flags {
                guard let checked = l.checked, let values = l.flagValues, let i = l.columns.firstIndex(of: r.source) ?? l.items.firstIndex(of: r.source) else { continue }
                if r.text.uppercased() == checked.uppercased() {
                    if let e = E(rawValue: values[i]) { out.append(e) } else {
                        problem(f, "flag value the model does not know", r.source, value: values[i], expected: "a raw value of \(E.self)")
                    }
                } else if let codes = f.codes, codes.value(forCode: r.text) == nil, !["N", "NO", "0"].contains(r.text.uppercased()) {
                    problem(f, "unknown code", r.source, value: r.text, expected: "\(checked) or blank")
                }
                continue
            }
            let raw = f.codes.map { $0.value(forCode: r.text) } ?? r.text
            guard let v = raw else {
                problem(f, "unknown code", r.source, value: r.text, expected: "one of " + (f.codes?.codes.joined(separator: ", ") ?? ""))
                continue
            }
            guard let e = E(rawValue: v) else {
                problem(f, "the mapping turns the code into a value the model does not know", r.source, value: v, expected: "a raw value of \(E.self)")
                continue
            }
            out.append(e)
        }
        return out
    }

    /// A `positional` list of whole numbers (blank = `nil`), range-checked; `itemRange` adds a
    /// per-position range (1-based position → allowed range).
    mutating func intList(_ name: String, itemRange: ((Int) -> ClosedRange<Int>)? = nil) -> [Int?] {
        guard let f = compiled.field(name), let l = f.list else { return [] }
        var out: [Int?] = []
        for (k, r) in record.rawList(f.mapping, l, slot: f.slot).enumerated() {
            if r.text.isEmpty { out.append(nil); continue }
            guard let n = integer(r.text, f, r.source) else { out.append(nil); continue }
            if let range = itemRange?(k + 1), !range.contains(n) {
                problem(f, "value out of range", r.source, value: r.text, expected: "\(range.lowerBound)–\(range.upperBound)")
                out.append(nil)
                continue
            }
            out.append(n)
        }
        return out
    }
}
