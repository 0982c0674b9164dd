import TrialCore

/// The ADaM stage: SDTM datasets in, ADSL/ADTTE/ADAE/ADQS out, driven by a study's
/// configuration (`ADaMConfig`) and, when given, conformed to the ADaM specs.
///
/// Call: `let result = try ADaMDerivation.deriveAll(sdtm: ["DM": dm, "AE": ae, …], config: config, specs: specs)`.
/// Only DM is required; a missing dataset leaves the variables it feeds missing (with a note).
/// For a study too large to hold at once, `ChunkedADaMDerivation` derives it subject range by
/// subject range with the same result.
public enum ADaMDerivation {
    /// Derives the four ADaM datasets. With `specs`, each output is conformed to its spec
    /// (order, labels, lengths, formats); a value longer than its spec length is an error.
    public static func deriveAll(sdtm: [String: Dataset], config: ADaMConfig, specs: SpecLibrary? = nil) throws(InputError) -> ADaMResult {
        let data = SDTMData(sdtm, dateVariables: SDTMInputAudit.dateVariables(config))
        return try derive(data, config: config, specs: specs).result
    }

    /// One group of a derivation's diagnostics, in output order. `perSubject`: every
    /// diagnostic is about one subject (concatenated over chunks); otherwise a diagnostic at a
    /// row ≥ 1 is about that record (concatenated, row shifted) and one at row 0 or on a whole
    /// file is about the study's datasets (the same in every chunk: kept once).
    struct DiagnosticSection: Sendable {
        var key: String
        var perSubject: Bool
        var diagnostics: [Diagnostic]
    }

    /// The derivation with its diagnostics grouped in sections (their concatenation is
    /// `result.diagnostics`).
    static func derive(_ data: SDTMData, config: ADaMConfig, specs: SpecLibrary?) throws(InputError) -> (result: ADaMResult, sections: [DiagnosticSection]) {
        var sections = SDTMInputAudit.auditSections(data, config: config).map {
            DiagnosticSection(key: $0.key, perSubject: false, diagnostics: $0.diagnostics)
        }
        let (adsl, d1) = try ADSLDerivation.derive(sdtm: data, config: config.adsl, cutoff: config.cutoff)
        let origins = ["ENRLDT": ADTTEDerivation.OriginSource(dataset: "DM", variable: config.adsl.inclusionDate)]
        let (adtte, d2) = ADTTEDerivation.derive(sdtm: data, adsl: adsl, parameters: config.parameters, cutoff: config.cutoff,
                                                 origins: origins, covariates: config.adsl.variables.map(\.name))
        let (adae, d3) = ADAEDerivation.derive(sdtm: data, adsl: adsl, config: config.adae, cutoff: config.cutoff)
        let (adqs, d4) = ADQSDerivation.derive(sdtm: data, adsl: adsl, config: config.adqs, visits: config.visits)
        sections.append(DiagnosticSection(key: "ADSL", perSubject: true, diagnostics: d1))
        sections.append(DiagnosticSection(key: "ADTTE", perSubject: false, diagnostics: d2))
        sections.append(DiagnosticSection(key: "ADAE", perSubject: false, diagnostics: d3))
        sections.append(DiagnosticSection(key: "ADQS", perSubject: false, diagnostics: d4))
        var result = ADaMResult(adsl: adsl, adtte: adtte, adae: adae, adqs: adqs, diagnostics: [])
        if let specs {
            for (key, path) in [("conform.ADSL", \ADaMResult.adsl), ("conform.ADTTE", \.adtte),
                                ("conform.ADAE", \.adae), ("conform.ADQS", \.adqs)] {
                var notes: [Diagnostic] = []
                result[keyPath: path] = try conform(result[keyPath: path], specs, &notes)
                sections.append(DiagnosticSection(key: key, perSubject: false, diagnostics: notes))
            }
        }
        result.diagnostics = sections.flatMap(\.diagnostics)
        return (result, sections)
    }

    static func conform(_ ds: Dataset, _ specs: SpecLibrary, _ diagnostics: inout [Diagnostic]) throws(InputError) -> Dataset {
        guard let spec = specs.dataset(ds.name) else {
            diagnostics.append(Diagnostic(.note, at: .file(ds.name), "no spec for \(ds.name); written as derived"))
            return ds
        }
        let (out, notes) = try spec.conform(ds)
        diagnostics += notes
        return out
    }
}
