import TrialCore

/// A local treatment of the liver metastases: resection, ablation or interventional therapy.
public struct Procedure: Sendable, Hashable, Codable {
    /// Subject id.
    public var subjectID: String
    /// Sponsor's procedure number within the subject (from the form's repeat key).
    public var number: Int
    /// What was done.
    public var type: ProcedureType
    /// Date of the procedure.
    public var date: PartialDateTime?
    /// Treatment intent.
    public var intent: TreatmentIntent
    /// Resection margin (only for hepatectomies).
    public var margin: ResectionMargin
    /// Where this record came from.
    public var provenance: Provenance

    /// Creates a procedure record.
    public init(subjectID: String, number: Int, type: ProcedureType, date: PartialDateTime?,
                intent: TreatmentIntent, margin: ResectionMargin, provenance: Provenance = .none) {
        self.subjectID = subjectID
        self.number = number
        self.type = type
        self.date = date
        self.intent = intent
        self.margin = margin
        self.provenance = provenance
    }
}

/// Kinds of local liver treatment.
public enum ProcedureType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Major hepatectomy (≥ 3 segments).
    case majorHepatectomy = "MAJOR HEPATECTOMY"
    /// Minor hepatectomy (< 3 segments).
    case minorHepatectomy = "MINOR HEPATECTOMY"
    /// Radiofrequency ablation.
    case rfa = "RADIOFREQUENCY ABLATION"
    /// Microwave ablation.
    case mwa = "MICROWAVE ABLATION"
    /// Transarterial chemoembolization.
    case tace = "TRANSARTERIAL CHEMOEMBOLIZATION"
    /// Hepatic arterial infusion chemotherapy.
    case haic = "HEPATIC ARTERIAL INFUSION CHEMOTHERAPY"

    /// True for hepatectomy and ablation: the radical local treatments of Group I.
    public var isRadical: Bool { self != .tace && self != .haic }
}

/// Intent of a treatment.
public enum TreatmentIntent: String, Sendable, Hashable, Codable, CaseIterable {
    /// Curative.
    case curative = "CURATIVE"
    /// Palliative.
    case palliative = "PALLIATIVE"
    /// Not recorded.
    case unknown = "UNKNOWN"
}

/// Margin status of a resection.
public enum ResectionMargin: String, Sendable, Hashable, Codable, CaseIterable {
    /// Microscopically clear margin.
    case r0 = "R0"
    /// Microscopically involved margin.
    case r1 = "R1"
    /// Macroscopic residual disease.
    case r2 = "R2"
    /// Not a resection.
    case notApplicable = "NOT APPLICABLE"
    /// Not recorded.
    case unknown = "UNKNOWN"
}
