import TrialCore

/// One line of systemic therapy with its dates.
public struct SystemicTherapy: Sendable, Hashable, Codable {
    /// Subject id.
    public var subjectID: String
    /// Line of therapy (1 = first line).
    public var line: Int
    /// Chemotherapy backbone.
    public var regimen: ChemotherapyRegimen
    /// Targeted agent added to the backbone.
    public var targetedAgent: TargetedAgent
    /// Start date.
    public var startDate: PartialDateTime?
    /// End date (`nil` while ongoing).
    public var endDate: PartialDateTime?
    /// Number of cycles given.
    public var cycles: Int?
    /// Where this record came from.
    public var provenance: Provenance

    /// Creates a therapy line.
    public init(subjectID: String, line: Int, regimen: ChemotherapyRegimen, targetedAgent: TargetedAgent,
                startDate: PartialDateTime?, endDate: PartialDateTime?, cycles: Int?,
                provenance: Provenance = .none) {
        self.subjectID = subjectID
        self.line = line
        self.regimen = regimen
        self.targetedAgent = targetedAgent
        self.startDate = startDate
        self.endDate = endDate
        self.cycles = cycles
        self.provenance = provenance
    }

    /// Regimen name as a treatment name, e.g. `FOLFOX + BEVACIZUMAB`.
    public var treatmentName: String {
        targetedAgent == .none ? regimen.rawValue : "\(regimen.rawValue) + \(targetedAgent.rawValue)"
    }
}

/// Chemotherapy backbones used in metastatic colorectal cancer.
public enum ChemotherapyRegimen: String, Sendable, Hashable, Codable, CaseIterable {
    /// 5-FU, leucovorin, oxaliplatin.
    case folfox = "FOLFOX"
    /// 5-FU, leucovorin, irinotecan.
    case folfiri = "FOLFIRI"
    /// Capecitabine, oxaliplatin.
    case capox = "CAPOX"
    /// 5-FU, leucovorin, oxaliplatin, irinotecan.
    case folfoxiri = "FOLFOXIRI"
    /// Capecitabine alone.
    case capecitabine = "CAPECITABINE"
    /// Another regimen.
    case other = "OTHER"
}

/// Targeted agents added to chemotherapy.
public enum TargetedAgent: String, Sendable, Hashable, Codable, CaseIterable {
    /// None.
    case none = "NONE"
    /// Bevacizumab (anti-VEGF).
    case bevacizumab = "BEVACIZUMAB"
    /// Cetuximab (anti-EGFR).
    case cetuximab = "CETUXIMAB"
    /// Panitumumab (anti-EGFR).
    case panitumumab = "PANITUMUMAB"
}
