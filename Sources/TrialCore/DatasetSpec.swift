/// The spec of one dataset: name, label, class, keys and ordered variable metadata.
///
/// Specs live as YAML, one file per dataset (`specs/sdtm/DM.yaml`, `specs/adam/ADTTE.yaml`):
/// ```yaml
/// name: AE
/// label: Adverse Events
/// class: Events
/// keys: [STUDYID, USUBJID, AEDECOD, AESTDTC]
/// variables:
///   - {name: STUDYID, label: Study Identifier, type: Char, length: 12, core: Req}
///   - {name: AESEQ, label: Sequence Number, type: Num, core: Req}
/// ```
/// Specs drive both output metadata (order, labels, lengths) and validation.
public struct DatasetSpec: Sendable, Hashable, Codable {
    /// Dataset name, e.g. `AE`.
    public var name: String
    /// Dataset label, e.g. `Adverse Events`.
    public var label: String
    /// Observation class or ADaM class (Events, Findings, Interventions, Special Purpose, ADSL, BDS, OCCDS, …).
    public var datasetClass: String?
    /// Standard and version, e.g. `SDTMIG 3.4`.
    public var standard: String?
    /// Key variables in KeySequence order.
    public var keys: [String]
    /// Variables in output order.
    public var variables: [VariableSpec]

    enum CodingKeys: String, CodingKey {
        case name, label, datasetClass = "class", standard, keys, variables
    }

    /// Creates a spec.
    public init(name: String, label: String, datasetClass: String? = nil, standard: String? = nil,
                keys: [String] = [], variables: [VariableSpec]) {
        self.name = name
        self.label = label
        self.datasetClass = datasetClass
        self.standard = standard
        self.keys = keys
        self.variables = variables
    }

    /// The spec of variable `name` (case-insensitive), or `nil`.
    public func variable(_ name: String) -> VariableSpec? {
        let u = name.uppercased()
        return variables.first { $0.name.uppercased() == u }
    }

    /// How character lengths are set when a dataset is conformed to its spec.
    public enum LengthPolicy: String, Sendable, Codable {
        /// The spec's length (or the longest value when the spec gives none).
        case spec
        /// The longest value present (at least 1), as submission guides ask.
        case minimal
    }

    /// The dataset with its columns in spec order and the spec's labels, types, lengths and
    /// formats. Spec variables absent from the data are added empty unless they are Perm;
    /// columns not in the spec are kept at the end and reported as warnings.
    /// A character value longer than the spec's length is an error naming dataset, variable,
    /// row and value: nothing is truncated.
    public func conform(_ dataset: Dataset, lengths: LengthPolicy = .spec) throws(InputError) -> (Dataset, [Diagnostic]) {
        var out = Dataset(name: name, label: label, columns: [], keys: keys)
        var notes: [Diagnostic] = []
        let n = dataset.rowCount
        for v in variables {
            var col: Column
            if let existing = dataset.column(v.name) {
                col = existing
                if col.type != v.type {
                    col = try Self.convert(col, to: v.type, dataset: name)
                }
            } else if v.core == .perm {
                continue
            } else {
                col = Column(name: v.name, type: v.type,
                             values: Array(repeating: v.type == .numeric ? .dot : .character(""), count: n))
            }
            col.name = v.name
            col.label = v.label
            col.format = v.format ?? col.format
            if v.type == .numeric {
                col.length = 8
            } else {
                let longest = Column.longestByteLength(col.values)
                if let limit = v.length, longest > limit {
                    let row = col.values.firstIndex { ($0.string?.utf8.count ?? 0) > limit } ?? 0
                    throw InputError(at: .dataset(name: name, row: row + 1, variable: v.name),
                                     "value longer than the spec's length \(limit)",
                                     value: col.values[row].text, expected: "at most \(limit) bytes")
                }
                col.length = lengths == .minimal ? longest : (v.length ?? longest)
            }
            out.columns.append(col)
        }
        for c in dataset.columns where variable(c.name) == nil {
            notes.append(Diagnostic(.warning, at: .dataset(name: name, row: 0, variable: c.name),
                                    "variable not in the spec of \(name); kept at the end"))
            out.columns.append(c)
        }
        return (out, notes)
    }

    private static func convert(_ col: Column, to type: VariableType, dataset: String) throws(InputError) -> Column {
        var c = col
        c.type = type
        switch type {
        case .character:
            c.values = col.values.map { .character($0.text) }
            c.length = Column.longestByteLength(c.values)
        case .numeric:
            var vals: [Value] = []
            vals.reserveCapacity(col.values.count)
            for (i, v) in col.values.enumerated() {
                let t = v.text.trimmingCharacters(in: " ")
                if t.isEmpty { vals.append(.dot); continue }
                if let m = MissingValue(sasNotation: t) { vals.append(.missing(m)); continue }
                guard let x = Double(t) else {
                    throw InputError(at: .dataset(name: dataset, row: i + 1, variable: col.name),
                                     "not a number", value: t, expected: "a numeric value")
                }
                vals.append(.number(x))
            }
            c.values = vals
            c.length = 8
        }
        return c
    }
}
