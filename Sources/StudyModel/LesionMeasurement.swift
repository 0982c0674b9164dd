import TrialCore

/// One lesion as seen at one tumour assessment: identification and longest diameter.
public struct LesionMeasurement: Sendable, Hashable, Codable {
    /// Subject id.
    public var subjectID: String
    /// Visit of the assessment.
    public var visit: Visit
    /// Date of imaging.
    public var date: PartialDateTime?
    /// Imaging method.
    public var method: ImagingMethod
    /// Lesion id, stable across visits (e.g. `T01`, `NT02`, `NEW01`).
    public var lesionID: String
    /// Organ of the lesion.
    public var organ: LesionOrgan
    /// Couinaud liver segment 1–8 for liver lesions, else `nil`.
    public var liverSegment: Int?
    /// Target, non-target or new.
    public var category: LesionCategory
    /// Longest diameter in mm (target lesions; `nil` when not measured).
    public var diameterMM: Double?
    /// Where this record came from.
    public var provenance: Provenance

    /// Creates a lesion measurement.
    public init(subjectID: String, visit: Visit, date: PartialDateTime?, method: ImagingMethod,
                lesionID: String, organ: LesionOrgan, liverSegment: Int?, category: LesionCategory,
                diameterMM: Double?, provenance: Provenance = .none) {
        self.subjectID = subjectID
        self.visit = visit
        self.date = date
        self.method = method
        self.lesionID = lesionID
        self.organ = organ
        self.liverSegment = liverSegment
        self.category = category
        self.diameterMM = diameterMM
        self.provenance = provenance
    }
}

/// Imaging methods.
public enum ImagingMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Computed tomography.
    case ct = "CT SCAN"
    /// Magnetic resonance imaging.
    case mri = "MRI"
    /// PET-CT.
    case petCT = "PET/CT SCAN"
}

/// Organs where lesions are followed.
public enum LesionOrgan: String, Sendable, Hashable, Codable, CaseIterable {
    /// Liver.
    case liver = "LIVER"
    /// Lung.
    case lung = "LUNG"
    /// Peritoneum.
    case peritoneum = "PERITONEUM"
    /// Lymph node.
    case lymphNode = "LYMPH NODE"
    /// Bone.
    case bone = "BONE"
    /// Another organ.
    case other = "OTHER"

    /// True for the liver.
    public var isLiver: Bool { self == .liver }
}

/// RECIST lesion categories.
public enum LesionCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// Target lesion (measured).
    case target = "TARGET"
    /// Non-target lesion.
    case nonTarget = "NON-TARGET"
    /// New lesion (progression).
    case new = "NEW"
}
