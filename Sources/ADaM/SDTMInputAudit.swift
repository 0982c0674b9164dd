import TrialCore

/// Checks the SDTM input against what the configuration reads, before deriving: a declared
/// dataset or variable the input lacks (a note: that source gives nothing), and every
/// non-empty date value that is not ISO 8601 (a warning naming dataset, row, variable and
/// value: such a record cannot date anything and would otherwise be skipped silently).
public enum SDTMInputAudit {
    /// The (dataset, date variable) pairs the configuration reads, without duplicates.
    public static func dateVariables(_ config: ADaMConfig) -> [(dataset: String, variable: String)] {
        var sources: [DateSource] = config.adsl.treatmentStart + config.adsl.treatmentEnd + config.adsl.lastAlive
        if let d = config.adsl.death { sources.append(d) }
        for p in config.parameters {
            sources += p.events.map(\.source)
            sources += p.censors.map(\.source)
        }
        var pairs: [(String, String)] = sources.map { ($0.dataset.uppercased(), $0.date.uppercased()) }
        pairs.append(("DM", config.adsl.inclusionDate.uppercased()))
        pairs.append((config.adae.dataset.uppercased(), config.adae.dataset.uppercased() + "STDTC"))
        pairs.append((config.adae.dataset.uppercased(), config.adae.dataset.uppercased() + "ENDTC"))
        pairs.append((config.adqs.dataset.uppercased(), config.adqs.date.uppercased()))
        var seen = Set<String>()
        return pairs.filter { seen.insert($0.0 + "." + $0.1).inserted }
    }

    /// The notes and warnings for `sdtm` under `config`.
    public static func audit(_ sdtm: SDTMData, config: ADaMConfig) -> [Diagnostic] {
        auditSections(sdtm, config: config).flatMap(\.diagnostics)
    }

    /// The audit's diagnostics per (dataset, date variable) pair, in `dateVariables` order: a
    /// section holds either the pair's dataset-level note or its per-row warnings (what a
    /// chunked derivation merges section by section).
    static func auditSections(_ sdtm: SDTMData, config: ADaMConfig) -> [(key: String, diagnostics: [Diagnostic])] {
        var sections: [(key: String, diagnostics: [Diagnostic])] = []
        var missingDatasets = Set<String>()
        for (dataset, variable) in dateVariables(config) {
            var out: [Diagnostic] = []
            defer { sections.append(("audit." + dataset + "." + variable, out)) }
            guard let d = sdtm.dataset(dataset) else {
                if missingDatasets.insert(dataset).inserted {
                    out.append(Diagnostic(.note, at: .file(dataset), "SDTM input has no \(dataset) dataset; sources on it give no dates"))
                }
                continue
            }
            guard let c = d.column(variable) else {
                out.append(Diagnostic(.note, at: .dataset(name: dataset, row: 0, variable: variable),
                                      "\(dataset) has no variable \(variable); sources on it give no dates"))
                continue
            }
            let parsed = sdtm.dates(dataset, variable) ?? ParsedDates(c.values)
            for (r, v) in c.values.enumerated() where parsed[r] == nil {
                let t = v.text.trimmedBlanks
                guard !t.isEmpty else { continue }
                do { _ = try PartialDateTime.parseISO8601(t) } catch {
                    out.append(Diagnostic(.warning, at: .dataset(name: dataset, row: r + 1, variable: variable),
                                          "date is not ISO 8601 (\(error.message)); record not used for dating", value: t,
                                          expected: error.expected))
                }
            }
        }
        return sections
    }
}
