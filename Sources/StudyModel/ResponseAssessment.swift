import TrialCore

/// Investigator's response at one tumour assessment, for intrahepatic, extrahepatic and
/// overall disease.
public struct ResponseAssessment: Sendable, Hashable, Codable {
    /// Subject id.
    public var subjectID: String
    /// Visit of the assessment.
    public var visit: Visit
    /// Date of the assessment.
    public var date: PartialDateTime?
    /// Response of the disease in the liver.
    public var intrahepatic: Response
    /// Response of the disease outside the liver.
    public var extrahepatic: Response
    /// Overall response.
    public var overall: Response
    /// Where this record came from.
    public var provenance: Provenance

    /// Creates a response assessment.
    public init(subjectID: String, visit: Visit, date: PartialDateTime?, intrahepatic: Response,
                extrahepatic: Response, overall: Response, provenance: Provenance = .none) {
        self.subjectID = subjectID
        self.visit = visit
        self.date = date
        self.intrahepatic = intrahepatic
        self.extrahepatic = extrahepatic
        self.overall = overall
        self.provenance = provenance
    }
}

/// RECIST 1.1 response categories (CDISC CT ONCRSR submission values).
public enum Response: String, Sendable, Hashable, Codable, CaseIterable {
    /// Complete response.
    case cr = "CR"
    /// Partial response.
    case pr = "PR"
    /// Stable disease.
    case sd = "SD"
    /// Progressive disease.
    case pd = "PD"
    /// Not evaluable.
    case ne = "NE"
    /// No evidence of disease (e.g. after resection of all liver lesions).
    case ned = "NED"
}
