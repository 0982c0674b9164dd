import TrialCore

/// The CDISC standard a dataset follows: SDTM tabulation or ADaM analysis data.
public enum Standard: String, Sendable, Hashable, Codable {
    /// SDTM (tabulation) — DM, AE, QS, …
    case sdtm = "SDTM"
    /// ADaM (analysis) — ADSL, ADTTE, …
    case adam = "ADaM"

    /// ADaM dataset classes as specs name them (upper case).
    static let adamClasses: Set<String> = [
        "ADSL", "BDS", "OCCDS", "ADAM OTHER", "BASIC DATA STRUCTURE",
        "SUBJECT LEVEL ANALYSIS DATASET", "OCCURRENCE DATA STRUCTURE", "TIME-TO-EVENT", "BDS-TTE",
    ]

    /// The standard of a dataset: from its spec's `standard`/`class` when there is a spec,
    /// else ADaM for names starting with `AD` and SDTM otherwise.
    static func of(name: String, spec: DatasetSpec?) -> Standard {
        if let spec {
            if let s = spec.standard?.uppercased(), s.contains("ADAM") { return .adam }
            if let c = spec.datasetClass?.uppercased(), adamClasses.contains(c) { return .adam }
            if let s = spec.standard?.uppercased(), s.contains("SDTM") { return .sdtm }
        }
        return name.uppercased().hasPrefix("AD") ? .adam : .sdtm
    }
}
