/// Baseline characteristics of the cancer at inclusion.
public struct BaselineDisease: Sendable, Hashable, Codable {
    /// Site of the primary tumour.
    public var primarySite: PrimarySite
    /// Whether the primary tumour was resected (`nil` = not recorded).
    public var primaryResected: Bool?
    /// Synchronous or metachronous liver metastases.
    public var liverMetastasisTiming: MetastasisTiming
    /// RAS (KRAS/NRAS) mutation status.
    public var ras: MutationStatus
    /// BRAF V600E mutation status.
    public var braf: MutationStatus
    /// Microsatellite instability status.
    public var msi: MSIStatus
    /// Carcinoembryonic antigen, ng/mL (`nil` = not done).
    public var ceaNgPerML: Double?
    /// Number of liver metastases.
    public var liverMetastasisCount: Int?
    /// Largest liver metastasis, longest diameter in mm.
    public var largestLiverMetastasisMM: Double?
    /// Metastases in both liver lobes (`nil` = not recorded).
    public var bilobar: Bool?
    /// Extrahepatic metastatic sites (at least one in this study).
    public var extrahepaticSites: [ExtrahepaticSite]

    /// Number of extrahepatic sites.
    public var extrahepaticSiteCount: Int { extrahepaticSites.count }

    /// Creates baseline disease characteristics.
    public init(primarySite: PrimarySite, primaryResected: Bool?, liverMetastasisTiming: MetastasisTiming,
                ras: MutationStatus, braf: MutationStatus, msi: MSIStatus, ceaNgPerML: Double?,
                liverMetastasisCount: Int?, largestLiverMetastasisMM: Double?, bilobar: Bool?,
                extrahepaticSites: [ExtrahepaticSite]) {
        self.primarySite = primarySite
        self.primaryResected = primaryResected
        self.liverMetastasisTiming = liverMetastasisTiming
        self.ras = ras
        self.braf = braf
        self.msi = msi
        self.ceaNgPerML = ceaNgPerML
        self.liverMetastasisCount = liverMetastasisCount
        self.largestLiverMetastasisMM = largestLiverMetastasisMM
        self.bilobar = bilobar
        self.extrahepaticSites = extrahepaticSites
    }
}

/// Primary tumour site; sidedness follows (right colon = right-sided).
public enum PrimarySite: String, Sendable, Hashable, Codable, CaseIterable {
    /// Right (proximal) colon: caecum to transverse colon.
    case rightColon = "RIGHT COLON"
    /// Left (distal) colon: splenic flexure to sigmoid.
    case leftColon = "LEFT COLON"
    /// Rectum.
    case rectum = "RECTUM"
    /// Not known.
    case unknown = "UNKNOWN"

    /// `RIGHT` or `LEFT` (rectum counts as left-sided), `UNKNOWN` otherwise.
    public var sidedness: String {
        switch self {
        case .rightColon: return "RIGHT"
        case .leftColon, .rectum: return "LEFT"
        case .unknown: return "UNKNOWN"
        }
    }
}

/// Timing of liver metastases relative to the primary diagnosis.
public enum MetastasisTiming: String, Sendable, Hashable, Codable, CaseIterable {
    /// Found at or within a short time of the primary diagnosis.
    case synchronous = "SYNCHRONOUS"
    /// Found later.
    case metachronous = "METACHRONOUS"
    /// Not known.
    case unknown = "UNKNOWN"
}

/// Result of a mutation test.
public enum MutationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Mutation detected.
    case mutant = "MUTANT"
    /// No mutation detected.
    case wildType = "WILD TYPE"
    /// Not tested or result unknown.
    case unknown = "UNKNOWN"
}

/// Microsatellite status.
public enum MSIStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Microsatellite instability high / mismatch-repair deficient.
    case msiHigh = "MSI-H"
    /// Microsatellite stable / proficient.
    case stable = "MSS"
    /// Not tested or unknown.
    case unknown = "UNKNOWN"
}

/// An organ with extrahepatic metastases.
public enum ExtrahepaticSite: String, Sendable, Hashable, Codable, CaseIterable {
    /// Lung.
    case lung = "LUNG"
    /// Peritoneum.
    case peritoneum = "PERITONEUM"
    /// Distant lymph nodes.
    case distantLymphNodes = "DISTANT LYMPH NODES"
    /// Bone.
    case bone = "BONE"
    /// Brain.
    case brain = "BRAIN"
    /// Adrenal gland.
    case adrenal = "ADRENAL GLAND"
    /// Another organ.
    case other = "OTHER"
}
