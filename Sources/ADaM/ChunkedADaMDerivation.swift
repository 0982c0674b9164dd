import TrialCore

/// Derives ADaM for a study one chunk of subjects at a time, with the result of deriving the
/// whole study at once (`ADaMDerivation.deriveAll`).
///
/// A chunk holds ALL SDTM records of its subjects, and chunks come in USUBJID order (each a
/// contiguous range of the sorted USUBJIDs; rows without USUBJID belong to the first chunk).
/// Every derivation works within one subject (ADSL row, ADTTE outcomes, ADAE flags, ADQS
/// baseline and windows) or on study-level constants of the configuration, and every output
/// is sorted by USUBJID first, so concatenating the chunks' datasets in chunk order gives the
/// whole derivation's rows. What is not per chunk is kept here, small:
/// - row numbers: diagnostics (and a thrown `InputError`) name rows of the study's datasets,
///   i.e. the chunk's row plus the rows of the same dataset in earlier chunks;
/// - diagnostics: merged in the whole derivation's order (section by section, see
///   `finish()`); notes about the datasets themselves (a missing dataset or variable, a
///   variable not in a spec) are kept once;
/// - column lengths: a character column not fixed by a spec is as long as its longest value,
///   which differs between chunks; `finish()` gives the study's lengths (the longest over all
///   chunks). With the specs of this repository every ADaM character variable has a spec
///   length, so each chunk already has the final lengths.
///
/// ```swift
/// var adam = ChunkedADaMDerivation(config: config, specs: specs)
/// for chunk in chunks { let part = try adam.derive(sdtm: chunk); write(part.datasets) }
/// let whole = adam.finish()   // metadata (lengths) and diagnostics of the whole study
/// ```
/// Every chunk should hold the same SDTM datasets (a dataset without rows for the chunk's
/// subjects passed empty, with its variables); a dataset missing from some chunks changes the
/// columns derived from it in those chunks.
public struct ChunkedADaMDerivation: Sendable {
    /// The study's configuration.
    public let config: ADaMConfig
    /// The ADaM specs the outputs are conformed to, if any.
    public let specs: SpecLibrary?

    /// Rows seen so far per dataset name (upper case): SDTM inputs and ADaM outputs.
    private var rowsSoFar: [String: Int] = [:]
    /// The merged diagnostic sections, in output order.
    private var sections: [(key: String, perSubject: Bool, studyLevel: [Diagnostic], records: [Diagnostic])] = []
    /// The ADaM datasets without rows, with the study's metadata so far.
    private var templates: [Dataset] = []
    /// Number of chunks derived.
    public private(set) var chunkCount = 0

    /// A derivation with `config`, conforming to `specs` when given.
    public init(config: ADaMConfig, specs: SpecLibrary? = nil) {
        self.config = config
        self.specs = specs
    }

    /// Derives one chunk (SDTM datasets by name, as for `deriveAll`). The returned datasets
    /// hold the chunk's rows; its diagnostics are the chunk's, with row numbers of the study's
    /// datasets. An error names the study's row too.
    public mutating func derive(sdtm chunk: [String: Dataset]) throws(InputError) -> ADaMResult {
        var data = SDTMData(chunk, dateVariables: SDTMInputAudit.dateVariables(config))
        data.rowOffsets = rowsSoFar
        let derived: (result: ADaMResult, sections: [ADaMDerivation.DiagnosticSection])
        do {
            derived = try ADaMDerivation.derive(data, config: config, specs: specs)
        } catch {
            throw InputError(error.diagnostics.map { shifted($0) })
        }
        var result = derived.result
        result.diagnostics = result.diagnostics.map { shifted($0) }
        merge(derived.sections)
        mergeMetadata(result.datasets)
        for (name, d) in data.datasets { rowsSoFar[name, default: 0] += d.rowCount }
        for d in result.datasets { rowsSoFar[d.name.uppercased(), default: 0] += d.rowCount }
        chunkCount += 1
        return result
    }

    /// The whole study's result without rows: each ADaM dataset's metadata (name, label, keys,
    /// columns with label, type, format and length = the longest over all chunks where the
    /// length is not fixed) and the diagnostics `deriveAll` gives on the whole study.
    public func finish() -> ADaMResult {
        let byName = Dictionary(templates.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func template(_ name: String) -> Dataset { byName[name] ?? Dataset(name: name) }
        return ADaMResult(adsl: template("ADSL"), adtte: template("ADTTE"), adae: template("ADAE"), adqs: template("ADQS"),
                          diagnostics: sections.flatMap { $0.studyLevel + $0.records })
    }

    /// `d` with its dataset row moved past the rows of the same dataset in earlier chunks.
    func shifted(_ d: Diagnostic) -> Diagnostic {
        guard case let .dataset(name, row, variable) = d.location, row >= 1 else { return d }
        var out = d
        out.location = .dataset(name: name, row: row + (rowsSoFar[name.uppercased()] ?? 0), variable: variable)
        return out
    }

    /// Adds one chunk's sections: per-record and per-subject diagnostics are appended (rows
    /// shifted), study-level ones kept once.
    mutating func merge(_ chunkSections: [ADaMDerivation.DiagnosticSection]) {
        for s in chunkSections {
            let i: Int
            if let k = sections.firstIndex(where: { $0.key == s.key }) { i = k } else {
                sections.append((s.key, s.perSubject, [], []))
                i = sections.count - 1
            }
            for d in s.diagnostics {
                if !s.perSubject, isStudyLevel(d) {
                    if !sections[i].studyLevel.contains(d) { sections[i].studyLevel.append(d) }
                } else {
                    sections[i].records.append(shifted(d))
                }
            }
        }
    }

    /// A note about a whole file or dataset variable (row 0), not about a record.
    func isStudyLevel(_ d: Diagnostic) -> Bool {
        switch d.location {
        case .dataset(_, let row, _): return row < 1
        case .file, .unknown: return true
        default: return false
        }
    }

    /// Keeps each output's metadata without rows; character lengths grow to the longest chunk's.
    mutating func mergeMetadata(_ datasets: [Dataset]) {
        for d in datasets {
            guard let i = templates.firstIndex(where: { $0.name == d.name }) else {
                var t = d
                for c in t.columns.indices { t.columns[c].values = [] }
                templates.append(t)
                continue
            }
            for c in d.columns {
                if let j = templates[i].columnIndex(c.name) {
                    templates[i].columns[j].length = max(templates[i].columns[j].length, c.length)
                } else {
                    var empty = c
                    empty.values = []
                    templates[i].columns.append(empty)
                }
            }
        }
    }
}
