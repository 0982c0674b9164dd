import TrialCore

/// A declared ADSL variable taken from SDTM (a covariate, EOSSTT, DTHCAUS, …): which dataset,
/// which records, which variable, how several records are combined, and an optional recoding.
///
/// YAML examples:
/// ```yaml
/// - {name: ECOGBL, label: Baseline ECOG, type: Num, dataset: SUPPDM, where: {QNAM: ECOG}, value: QVAL}
/// - {name: EXTHCNT, label: Number of Extrahepatic Sites, type: Num, dataset: SUPPDM,
///    where: {QNAM: EXTHSITE}, aggregate: count}
/// - {name: SIDEDNS, label: Primary Tumour Sidedness, type: Char, from: PRIMSITE,
///    map: {RIGHT COLON: RIGHT, LEFT COLON: LEFT, RECTUM: LEFT}, default: UNKNOWN}
/// ```
/// `from` derives from an ADSL variable declared earlier instead of SDTM. `aggregate` is
/// `first` (default; first record in row order), `last`, `min`, `max` (numeric) or `count`
/// (number of matching records, 0 when none). `map` recodes the text value; an unmapped
/// value is kept unless `default` is given; `ifMissing` is the value when no record holds one.
public struct ValueSource: Sendable, Hashable, Codable {
    /// How several matching records give one value.
    public enum Aggregate: String, Sendable, Hashable, Codable {
        /// First matching record in row order.
        case first
        /// Last matching record in row order.
        case last
        /// Smallest numeric value.
        case min
        /// Largest numeric value.
        case max
        /// Number of matching records.
        case count
    }

    /// ADSL variable name (≤ 8 characters).
    public var name: String
    /// Variable label (≤ 40 characters).
    public var label: String
    /// Char or Num.
    public var type: VariableType
    /// SDTM dataset, when the value comes from SDTM.
    public var dataset: String?
    /// Which records of `dataset` count.
    public var filter: RecordFilter
    /// The SDTM variable holding the value (not needed for `count`).
    public var value: String?
    /// An ADSL variable declared earlier to derive from, instead of `dataset`.
    public var from: String?
    /// How several records combine.
    public var aggregate: Aggregate
    /// Text recoding.
    public var map: [String: String]?
    /// Value for an input `map` does not list (kept as is when `nil`).
    public var defaultValue: String?
    /// Value when no record holds a value.
    public var ifMissing: String?

    enum CodingKeys: String, CodingKey {
        case name, label, type, dataset, `where`, exclude, value, from, aggregate, map, defaultValue = "default", ifMissing
    }

    /// Creates a value source.
    public init(name: String, label: String, type: VariableType = .character, dataset: String? = nil,
                filter: RecordFilter = .all, value: String? = nil, from: String? = nil,
                aggregate: Aggregate = .first, map: [String: String]? = nil, defaultValue: String? = nil,
                ifMissing: String? = nil) {
        self.name = name
        self.label = label
        self.type = type
        self.dataset = dataset
        self.filter = filter
        self.value = value
        self.from = from
        self.aggregate = aggregate
        self.map = map
        self.defaultValue = defaultValue
        self.ifMissing = ifMissing
    }

    /// Decodes the flat YAML form.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name).uppercased()
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? name
        type = try c.decodeIfPresent(VariableType.self, forKey: .type) ?? .character
        dataset = try c.decodeIfPresent(String.self, forKey: .dataset)?.uppercased()
        filter = try RecordFilter.decode(from: c, where: .where, exclude: .exclude)
        value = try c.decodeIfPresent(String.self, forKey: .value)
        from = try c.decodeIfPresent(String.self, forKey: .from)
        aggregate = try c.decodeIfPresent(Aggregate.self, forKey: .aggregate) ?? .first
        map = try c.decodeIfPresent([String: String].self, forKey: .map)
        defaultValue = try c.decodeIfPresent(String.self, forKey: .defaultValue)
        ifMissing = try c.decodeIfPresent(String.self, forKey: .ifMissing)
    }

    /// Encodes the flat YAML form.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(label, forKey: .label)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(dataset, forKey: .dataset)
        if !filter.include.isEmpty { try c.encode(filter.include, forKey: .where) }
        if !filter.exclude.isEmpty { try c.encode(filter.exclude, forKey: .exclude) }
        try c.encodeIfPresent(value, forKey: .value)
        try c.encodeIfPresent(from, forKey: .from)
        try c.encode(aggregate, forKey: .aggregate)
        try c.encodeIfPresent(map, forKey: .map)
        try c.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try c.encodeIfPresent(ifMissing, forKey: .ifMissing)
    }

    /// The value for subject `usubjid`: from SDTM, or from `adslRow` when `from` is set.
    /// A text that is not a number for a Num variable gives a warning and a missing value.
    public func resolve(in sdtm: SDTMData, subject usubjid: String, adslRow: [String: Value],
                        diagnostics: inout [Diagnostic]) -> Value {
        Bound(self, in: sdtm).resolve(subject: usubjid, slot: sdtm.slot(of: usubjid), adslRow: adslRow, diagnostics: &diagnostics)
    }

    /// A value source bound to the datasets of one `SDTMData` (dataset, value column, compiled
    /// filter and subject rows found once), for resolving every subject of ADSL.
    struct Bound {
        /// The declaration.
        let source: ValueSource
        /// True when the value comes from the source dataset and the input has it.
        let fromDataset: Bool
        /// The value variable's values (`nil`: the variable is absent).
        let values: [Value]?
        /// The filter bound to the source dataset.
        let filter: CompiledRecordFilter
        /// The source dataset's rows by subject slot.
        let subjects: SubjectRows

        /// Binds `source` to `sdtm`.
        init(_ source: ValueSource, in sdtm: SDTMData) {
            self.source = source
            if source.from == nil, let dataset = source.dataset, let d = sdtm.dataset(dataset) {
                fromDataset = true
                values = d.column(source.value ?? "")?.values
                filter = source.filter.compiled(for: d)
                subjects = sdtm.subjectRows(dataset)
            } else {
                fromDataset = false
                values = nil
                filter = RecordFilter.all.compiled(for: Dataset(name: ""))
                subjects = SubjectRows()
            }
        }

        /// `ValueSource.resolve` for one subject (in `slot`, `SDTMData.slot(of:)`).
        func resolve(subject usubjid: String, slot: Int?, adslRow: [String: Value], diagnostics: inout [Diagnostic]) -> Value {
            var rows: [Int] = []
            if fromDataset {
                subjects.forEachRow(slot: slot) { r in if filter.matches(row: r) { rows.append(r) } }
            }
            return source.resolve(subject: usubjid, adslRow: adslRow, rows: fromDataset ? rows : nil,
                                  text: { values?[$0].text ?? "" }, diagnostics: &diagnostics)
        }
    }

    /// The value from the subject's filtered `rows` of the source dataset (`nil`: the input
    /// lacks the dataset; `text(row)` reads the value variable) or from `adslRow`.
    func resolve(subject usubjid: String, adslRow: [String: Value], rows: [Int]?, text valueText: (Int) -> String,
                 diagnostics: inout [Diagnostic]) -> Value {
        var text: String? = nil
        var number: Double? = nil
        if let from {
            let v = adslRow[from.uppercased()] ?? .character("")
            if !v.isMissing { text = v.text }
        } else if dataset != nil, let rows {
            switch aggregate {
            case .count: number = Double(rows.count)
            case .first, .last:
                let ordered = aggregate == .first ? rows : rows.reversed()
                for r in ordered {
                    let t = valueText(r).trimmedBlanks
                    if !t.isEmpty { text = t; break }
                }
            case .min, .max:
                let xs = rows.compactMap { Double(valueText($0).trimmedBlanks) }
                number = aggregate == .min ? xs.min() : xs.max()
            }
        }
        if let t = text, let map { text = map[t] ?? defaultValue ?? t }
        if text == nil, number == nil, let ifMissing { text = ifMissing }
        switch type {
        case .numeric:
            if let number { return .number(number) }
            guard let t = text else { return .dot }
            if let x = Double(t) { return .number(x) }
            diagnostics.append(Diagnostic(.warning, at: .dataset(name: dataset ?? "ADSL", row: 0, variable: value ?? from),
                                          "\(name) for \(usubjid) is not a number; left missing", value: t, expected: "a number"))
            return .dot
        case .character:
            if let number { return .character(Value.format(number)) }
            return .character(text ?? "")
        }
    }
}
