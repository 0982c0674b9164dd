import TrialCore

/// Collects the rows of one domain subject by subject, checks each row against the spec
/// (Required variables populated, character lengths within the spec), sorts a subject's rows
/// by the domain's key, assigns --SEQ in that order and keeps the trace of every row.
///
/// Rows are appended column-wise; a subject's rows are sorted on their own, so the whole
/// dataset is in key order when subjects are visited in USUBJID order (every key starts with
/// STUDYID, USUBJID). Cost: O(rows · log rows-per-subject).
struct DomainBuilder {
    /// Domain code, e.g. `AE`.
    let domain: String
    /// The domain's spec.
    let spec: DatasetSpec
    /// Names of the columns the mapper fills, in the order of `add`'s values.
    let names: [String]
    private let limits: [Int?]
    private let types: [VariableType]
    /// Columns that must not be empty (Req, except --SEQ which is assigned here).
    private let requiredColumns: [Int]
    /// Character columns with a spec length, and the length.
    private let limitedColumns: [(index: Int, limit: Int)]
    private let seqIndex: Int?
    private let studyID: String
    private(set) var columns: [[Value]]
    private(set) var trace: [TraceRow] = []
    /// Rows handed out in earlier chunks (trace row numbers continue after them).
    private(set) var rowsBefore = 0
    // The current subject's rows are already in `columns` (from `subjectStart` on); their
    // keys, sources and qualifiers wait here until `endSubject` orders them.
    private var subjectStart = 0
    private var pendingKeys: [[Value]] = []
    private var pendingSources: [SourceLocation] = []
    private var pendingQualifiers: [[SuppQualifier]] = []
    /// The SUPP-- domain builder receiving the rows' qualifiers, if the domain has one.
    private(set) var supp: SuppBuilder?

    /// A builder for `domain` filling `names` (each must be a variable of the spec; the spec's
    /// `--SEQ`, if listed, is assigned here). `supp` names the SUPP-- spec, if any.
    init(domain: String, names: [String], specs: SpecLibrary, studyID: String, supp suppName: String? = nil) throws(InputError) {
        guard let spec = specs.dataset(domain) else {
            throw InputError(at: .file("specs/sdtm/\(domain).yaml"), "no spec for SDTM domain \(domain)",
                             expected: "a dataset spec named \(domain)")
        }
        var limits: [Int?] = [], types: [VariableType] = [], required: [Int] = [], limited: [(Int, Int)] = []
        let seqIndex = names.firstIndex(of: domain + "SEQ")
        for (i, n) in names.enumerated() {
            guard let v = spec.variable(n) else {
                throw InputError(at: .file("specs/sdtm/\(domain).yaml"), "the \(domain) mapper fills a variable the spec lacks",
                                 value: n, expected: "a variable of \(domain)")
            }
            limits.append(v.type == .character ? v.length : nil)
            types.append(v.type)
            if v.core == .req && i != seqIndex { required.append(i) }
            if v.type == .character, let l = v.length { limited.append((i, l)) }
        }
        self.domain = domain
        self.spec = spec
        self.names = names
        self.limits = limits
        self.types = types
        self.requiredColumns = required
        self.limitedColumns = limited
        self.seqIndex = seqIndex
        self.studyID = studyID
        self.columns = Array(repeating: [], count: names.count)
        if let suppName {
            self.supp = try SuppBuilder(name: suppName, rdomain: domain, specs: specs, studyID: studyID)
        }
    }

    /// Adds one row of the current subject (values in `names` order, `--SEQ` left `.dot`),
    /// its sort key (compared element-wise after USUBJID) and its source. Returns the reason
    /// when the row breaks the spec; the row is then not added.
    mutating func add(_ values: [Value], key: [Value], source: SourceLocation,
                      qualifiers: [SuppQualifier] = []) -> Diagnostic? {
        precondition(values.count == names.count, "\(domain): \(values.count) values for \(names.count) columns")
        for i in requiredColumns where DomainBuilder.isEmpty(values[i]) {
            return Diagnostic(.error, at: source, "\(domain).\(names[i]) is required but would be empty",
                              expected: "a value for \(names[i])")
        }
        for (i, limit) in limitedColumns {
            if case .character(let s) = values[i], s.utf8.count > limit {
                return Diagnostic(.error, at: source, "\(domain).\(names[i]) longer than the spec's length \(limit)",
                                  value: s, expected: "at most \(limit) bytes")
            }
        }
        if supp != nil {
            for q in qualifiers where q.qval.utf8.count > 200 || q.qlabel.utf8.count > 40 || q.qnam.utf8.count > 8 {
                return Diagnostic(.error, at: source, "SUPP\(domain) qualifier \(q.qnam) too long",
                                  value: q.qval, expected: "QNAM ≤ 8, QLABEL ≤ 40, QVAL ≤ 200 bytes")
            }
        }
        for c in values.indices { columns[c].append(values[c]) }
        pendingKeys.append(key)
        pendingSources.append(source)
        pendingQualifiers.append(qualifiers)
        return nil
    }

    /// Sorts the current subject's rows by key, assigns --SEQ 1, 2, … in that order and
    /// records their trace (and hands their qualifiers to the SUPP-- builder).
    mutating func endSubject(usubjid: String) {
        let n = pendingKeys.count
        guard n > 0 else { return }
        let base = subjectStart
        var order = Array(0..<n)
        if n > 1, !isSortedByKey() {
            let keys = pendingKeys
            order.sort { a, b in
                let c = DomainBuilder.compare(keys[a], keys[b])
                return c != 0 ? c < 0 : a < b
            }
            for c in columns.indices {
                let slice = Array(columns[c][base..<(base + n)])
                for (j, i) in order.enumerated() { columns[c][base + j] = slice[i] }
            }
        }
        for (j, i) in order.enumerated() {
            let seq = j + 1
            if let s = seqIndex { columns[s][base + j] = .number(Double(seq)) }
            trace.append(TraceRow(row: rowsBefore + base + j + 1, usubjid: usubjid, seq: seqIndex == nil ? nil : seq,
                                  source: pendingSources[i]))
            if !pendingQualifiers[i].isEmpty {
                supp?.add(usubjid: usubjid, idvar: seqIndex == nil ? "" : domain + "SEQ",
                          idvarval: seqIndex == nil ? "" : String(seq), qualifiers: pendingQualifiers[i], source: pendingSources[i])
            }
        }
        pendingKeys.removeAll(keepingCapacity: true)
        pendingSources.removeAll(keepingCapacity: true)
        pendingQualifiers.removeAll(keepingCapacity: true)
        subjectStart = columns[0].count
    }

    /// True when the pending rows are already in key order (the common case: sources list
    /// records in visit or date order), so no sort is needed.
    private func isSortedByKey() -> Bool {
        for i in 1..<pendingKeys.count where DomainBuilder.compare(pendingKeys[i - 1], pendingKeys[i]) > 0 { return false }
        return true
    }

    /// Number of rows appended in the current chunk.
    var rowCount: Int { columns.first?.count ?? 0 }

    /// Starts a new chunk: the rows and trace so far are dropped (after `dataset()` took them);
    /// row numbers of the trace continue.
    mutating func startChunk() {
        rowsBefore += rowCount
        let reserve = rowCount
        columns = Array(repeating: [], count: names.count)
        for c in columns.indices { columns[c].reserveCapacity(reserve) }
        trace = []
        trace.reserveCapacity(reserve)
        subjectStart = 0
        supp?.startChunk()
    }

    /// The dataset conformed to its spec (spec order, labels, lengths; empty Exp/Req columns added).
    func dataset() throws(InputError) -> (Dataset, [Diagnostic]) {
        var cols: [Column] = []
        for (i, n) in names.enumerated() {
            cols.append(Column(name: n, type: types[i], length: types[i] == .numeric ? 8 : limits[i], values: columns[i]))
        }
        return try spec.conform(Dataset(name: domain, label: spec.label, columns: cols, keys: spec.keys), lengths: .spec)
    }

    /// True for a numeric missing value and for an empty or all-blank character value
    /// (`Value.isMissing` without walking grapheme clusters).
    @inline(__always) static func isEmpty(_ v: Value) -> Bool {
        switch v {
        case .number: return false
        case .missing: return true
        case .character(let s): return s.isEmpty || s.utf8.allSatisfy { $0 == 0x20 }
        }
    }

    /// Orders two keys element-wise: numbers numerically (missing first), text by bytes.
    static func compare(_ a: [Value], _ b: [Value]) -> Int {
        for i in 0..<min(a.count, b.count) {
            let c = compare(a[i], b[i])
            if c != 0 { return c }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Orders two values: missing < number < text; numbers numerically, text by UTF-8 bytes.
    static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case let (.number(x), .number(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.character(x), .character(y)):
            // Swift orders native ASCII strings by their bytes (a memcmp fast path).
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.missing, .missing): return 0
        case (.missing, _): return -1
        case (_, .missing): return 1
        case (.number, .character): return -1
        case (.character, .number): return 1
        }
    }
}

/// Collects SUPP-- rows (one per qualifier) in parent order.
struct SuppBuilder {
    /// The SUPP-- dataset name, e.g. `SUPPAE`.
    let name: String
    private let rdomain: String
    private let studyID: String
    private let spec: DatasetSpec
    static let names = ["STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QLABEL", "QVAL", "QORIG", "QEVAL"]
    private(set) var columns: [[Value]] = Array(repeating: [], count: SuppBuilder.names.count)
    private(set) var trace: [TraceRow] = []
    private var rowsBefore = 0

    /// Starts a new chunk (see `DomainBuilder.startChunk`).
    mutating func startChunk() {
        rowsBefore += columns[0].count
        columns = Array(repeating: [], count: SuppBuilder.names.count)
        trace = []
    }

    init(name: String, rdomain: String, specs: SpecLibrary, studyID: String) throws(InputError) {
        guard let spec = specs.dataset(name) else {
            throw InputError(at: .file("specs/sdtm/\(name).yaml"), "no spec for \(name)", expected: "a dataset spec named \(name)")
        }
        for n in SuppBuilder.names where spec.variable(n) == nil {
            throw InputError(at: .file("specs/sdtm/\(name).yaml"), "SUPPQUAL variable missing from the spec", value: n,
                             expected: "the SUPPQUAL variables \(SuppBuilder.names.joined(separator: " "))")
        }
        self.name = name
        self.rdomain = rdomain
        self.studyID = studyID
        self.spec = spec
    }

    mutating func add(usubjid: String, idvar: String, idvarval: String, qualifiers: [SuppQualifier], source: SourceLocation) {
        for q in qualifiers where !q.qval.isEmpty {
            let row: [Value] = [.character(studyID), .character(rdomain), .character(usubjid), .character(idvar),
                                .character(idvarval), .character(q.qnam), .character(q.qlabel), .character(q.qval),
                                .character(q.qorig), .character(q.qeval)]
            for c in row.indices { columns[c].append(row[c]) }
            trace.append(TraceRow(row: rowsBefore + columns[0].count, usubjid: usubjid, seq: nil, source: source))
        }
    }

    /// The dataset conformed to its spec.
    func dataset() throws(InputError) -> (Dataset, [Diagnostic]) {
        let cols = SuppBuilder.names.enumerated().map { Column(name: $0.element, type: .character, values: columns[$0.offset]) }
        return try spec.conform(Dataset(name: name, label: spec.label, columns: cols, keys: spec.keys), lengths: .spec)
    }
}
