import TrialCore

/// The shared walk of the terminology rules: every (dataset, variable) whose spec names a
/// codelist, and every value not in that codelist.
enum TerminologyCheck {
    /// A value outside its codelist.
    struct Miss {
        let dataset: InputDataset
        let row: Int
        let column: String
        let value: String
        let codelist: Codelist
        /// A term equal to the value up to case and blanks, if any.
        let nearMatch: String?
    }

    /// Calls `body` for every value (non-missing) not in its variable's codelist, for
    /// codelists whose `extensible` flag equals `extensible`.
    static func misses(_ context: ValidationContext, extensible: Bool, _ body: (Miss) -> Void) {
        for ds in context.datasets {
            guard let spec = ds.spec else { continue }
            for col in ds.dataset.columns {
                guard let id = spec.variable(col.name)?.codelist,
                      let cl = context.specs.codelist(id), cl.extensible == extensible else { continue }
                let terms = Set(cl.terms.map(\.value))
                var folded: [String: String] = [:]
                for t in cl.terms { folded[fold(t.value)] = t.value }
                // Terms by the FNV-1a hash of their bytes: an integer lookup, then one compare.
                let seed: UInt64 = 0xcbf29ce484222325
                var byHash: [UInt64: [String]] = [:]
                for t in cl.terms { byHash[ValueReading.mix(seed, .character(t.value)), default: []].append(t.value) }
                var previousGood: Value? = nil
                for (row, v) in col.values.enumerated() {
                    if v == previousGood || ValueReading.isMissing(v) { continue }
                    let s = v.text
                    if case .character = v {
                        if byHash[ValueReading.mix(seed, v)]?.contains(s) == true { previousGood = v; continue }
                    } else if terms.contains(s) { continue }
                    body(Miss(dataset: ds, row: row, column: col.name, value: s, codelist: cl,
                              nearMatch: folded[fold(s)]))
                }
            }
        }
    }

    /// Upper case without surrounding blanks, for near-match hints.
    static func fold(_ s: String) -> String { s.trimmedSpaces().uppercased() }

    /// The message of a miss.
    static func message(_ m: Miss) -> String {
        let kind = m.codelist.extensible ? "extensible" : "non-extensible"
        var s = "\(m.column) '\(m.value)' is not in the \(kind) codelist \(m.codelist.id) (\(m.codelist.name))"
        if let near = m.nearMatch { s += "; did you mean '\(near)'? (differs only in case or blanks)" }
        return s
    }

    /// The `expected` text of a miss: the terms.
    static func expected(_ m: Miss) -> String {
        "one of " + ValueReading.list(m.codelist.terms.map(\.value), limit: 12)
    }
}
