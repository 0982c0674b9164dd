import TrialCore

/// One enrolled patient: identity, demography, dates, group and baseline disease.
public struct Subject: Sendable, Hashable, Codable {
    /// Subject id within the study, as the site writes it (e.g. `001-004`).
    public var subjectID: String
    /// Site id (e.g. `01`).
    public var siteID: String
    /// Birth date, possibly partial (`1956` or `1956-07`).
    public var birthDate: PartialDateTime?
    /// Sex.
    public var sex: Sex
    /// Race.
    public var race: Race
    /// Ethnicity.
    public var ethnicity: Ethnicity
    /// Country (ISO 3166-1 alpha-3, e.g. `CHN`).
    public var country: String
    /// Date of informed consent.
    public var consentDate: PartialDateTime?
    /// Date of study inclusion (study day 1).
    public var inclusionDate: PartialDateTime?
    /// Chosen group (allocation by willingness, not randomized).
    public var group: TreatmentGroup
    /// ECOG performance status at inclusion, 0–4.
    public var ecog: Int?
    /// Baseline disease characteristics.
    public var baseline: BaselineDisease
    /// Where this record came from.
    public var provenance: Provenance

    /// Creates a subject.
    public init(subjectID: String, siteID: String, birthDate: PartialDateTime?, sex: Sex, race: Race,
                ethnicity: Ethnicity, country: String, consentDate: PartialDateTime?,
                inclusionDate: PartialDateTime?, group: TreatmentGroup, ecog: Int?,
                baseline: BaselineDisease, provenance: Provenance = .none) {
        self.subjectID = subjectID
        self.siteID = siteID
        self.birthDate = birthDate
        self.sex = sex
        self.race = race
        self.ethnicity = ethnicity
        self.country = country
        self.consentDate = consentDate
        self.inclusionDate = inclusionDate
        self.group = group
        self.ecog = ecog
        self.baseline = baseline
        self.provenance = provenance
    }
}

/// Sex as collected (CDISC CT SEX: M, F, U, UNDIFFERENTIATED).
public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    /// Male (`M`).
    case male = "M"
    /// Female (`F`).
    case female = "F"
    /// Unknown (`U`).
    case unknown = "U"
    /// Undifferentiated.
    case undifferentiated = "UNDIFFERENTIATED"
}

/// Race (CDISC CT RACE submission values).
public enum Race: String, Sendable, Hashable, Codable, CaseIterable {
    /// American Indian or Alaska Native.
    case americanIndianOrAlaskaNative = "AMERICAN INDIAN OR ALASKA NATIVE"
    /// Asian.
    case asian = "ASIAN"
    /// Black or African American.
    case black = "BLACK OR AFRICAN AMERICAN"
    /// Native Hawaiian or other Pacific Islander.
    case nativeHawaiian = "NATIVE HAWAIIAN OR OTHER PACIFIC ISLANDER"
    /// White.
    case white = "WHITE"
    /// More than one race reported.
    case multiple = "MULTIPLE"
    /// Other (specified elsewhere).
    case other = "OTHER"
    /// Not reported.
    case notReported = "NOT REPORTED"
    /// Unknown.
    case unknown = "UNKNOWN"
}

/// Ethnicity (CDISC CT ETHNIC).
public enum Ethnicity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Hispanic or Latino.
    case hispanicOrLatino = "HISPANIC OR LATINO"
    /// Not Hispanic or Latino.
    case notHispanicOrLatino = "NOT HISPANIC OR LATINO"
    /// Not reported.
    case notReported = "NOT REPORTED"
    /// Unknown.
    case unknown = "UNKNOWN"
}

/// The study group a patient chose.
public enum TreatmentGroup: String, Sendable, Hashable, Codable, CaseIterable {
    /// Group I: radical local treatment of liver metastases (hepatectomy and/or ablation) plus systemic therapy.
    case groupI = "GROUP I"
    /// Group II: systemic therapy alone or with local interventional treatment (TACE, HAIC).
    case groupII = "GROUP II"

    /// Arm code: `G1` or `G2`.
    public var armCode: String { self == .groupI ? "G1" : "G2" }
    /// Numeric code: 1 or 2.
    public var number: Int { self == .groupI ? 1 : 2 }
    /// Arm description.
    public var armDescription: String {
        self == .groupI ? "Radical local liver treatment + systemic therapy" : "Systemic therapy +/- TACE/HAIC"
    }
}
