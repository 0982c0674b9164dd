import TrialCore

/// The ADaM stage: SDTM datasets in, ADSL/ADTTE/ADAE/ADQS out, driven by a study's
/// configuration (`ADaMConfig`) and, when given, conformed to the ADaM specs.
///
/// Call: `let result = try ADaMDerivation.deriveAll(sdtm: ["DM": dm, "AE": ae, …], config: config, specs: specs)`.
/// Only DM is required; a missing dataset leaves the variables it feeds missing (with a note).
public enum ADaMDerivation {
    /// Derives the four ADaM datasets. With `specs`, each output is conformed to its spec
    /// (order, labels, lengths, formats); a value longer than its spec length is an error.
    public static func deriveAll(sdtm: [String: Dataset], config: ADaMConfig, specs: SpecLibrary? = nil) throws(InputError) -> ADaMResult {
        let data = SDTMData(sdtm, dateVariables: SDTMInputAudit.dateVariables(config))
        var diagnostics = SDTMInputAudit.audit(data, config: config)
        let (adsl, d1) = try ADSLDerivation.derive(sdtm: data, config: config.adsl, cutoff: config.cutoff)
        let origins = ["ENRLDT": ADTTEDerivation.OriginSource(dataset: "DM", variable: config.adsl.inclusionDate)]
        let (adtte, d2) = ADTTEDerivation.derive(sdtm: data, adsl: adsl, parameters: config.parameters, cutoff: config.cutoff,
                                                 origins: origins, covariates: config.adsl.variables.map(\.name))
        let (adae, d3) = ADAEDerivation.derive(sdtm: data, adsl: adsl, config: config.adae, cutoff: config.cutoff)
        let (adqs, d4) = ADQSDerivation.derive(sdtm: data, adsl: adsl, config: config.adqs, visits: config.visits)
        diagnostics += d1 + d2 + d3 + d4
        var result = ADaMResult(adsl: adsl, adtte: adtte, adae: adae, adqs: adqs, diagnostics: diagnostics)
        if let specs {
            result.adsl = try conform(result.adsl, specs, &result.diagnostics)
            result.adtte = try conform(result.adtte, specs, &result.diagnostics)
            result.adae = try conform(result.adae, specs, &result.diagnostics)
            result.adqs = try conform(result.adqs, specs, &result.diagnostics)
        }
        return result
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
