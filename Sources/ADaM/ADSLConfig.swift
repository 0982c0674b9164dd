import TrialCore

/// How ADSL is derived from SDTM (`mappings/<study>/adsl.yaml`): which DM variables hold the
/// inclusion date and the arms, how arms code the treatment groups, age groups, and the
/// declared sources of treatment dates, last-known-alive date, death date and covariates.
///
/// ```yaml
/// inclusionDate: RFSTDTC          # DM variable → ENRLDT (study day 1)
/// arm: ARMCD                      # → TRT01P/TRT01PN
/// actualArm: ACTARMCD             # → TRT01A/TRT01AN
/// treatments: [{code: G1, name: GROUP I, number: 1}, {code: G2, name: GROUP II, number: 2}]
/// ageGroups: [{label: "<65", below: 65}, {label: ">=65"}]
/// treatmentStart: [{dataset: PR, date: PRSTDTC}, {dataset: EX, date: EXSTDTC}]   # earliest
/// treatmentEnd: [{dataset: EX, date: EXENDTC}]                                   # latest
/// lastAlive: [{dataset: SV, date: SVSTDTC}, …]                                   # latest
/// death: {dataset: DM, where: {DTHFL: "Y"}, date: DTHDTC, imputation: {rule: first}, notBefore: [LSTALVDT]}
/// birthDateImputation: {rule: middle, highest: month}   # AGE when DM.AGE is null
/// variables: [ValueSource, …]     # DTHCAUS, EOSSTT, covariates, in output order
/// ```
public struct ADSLConfig: Sendable, Hashable, Codable {
    /// One treatment group: the arm code in DM and the ADSL text and number.
    public struct Treatment: Sendable, Hashable, Codable {
        /// ARMCD value, e.g. `G1`.
        public var code: String
        /// TRT01P value, e.g. `GROUP I`.
        public var name: String
        /// TRT01PN value, e.g. 1.
        public var number: Double

        /// Creates a treatment group.
        public init(code: String, name: String, number: Double) {
            self.code = code
            self.name = name
            self.number = number
        }
    }

    /// One age group: `label` for ages below `below` (the last group has no bound).
    public struct AgeGroup: Sendable, Hashable, Codable {
        /// AGEGR1 value, e.g. `<65`.
        public var label: String
        /// Upper bound (exclusive), or `nil` for the last group.
        public var below: Double?
        /// AGEGR1N value (1, 2, …); by default the group's position.
        public var number: Double?

        /// Creates an age group.
        public init(label: String, below: Double?, number: Double? = nil) {
            self.label = label
            self.below = below
            self.number = number
        }
    }

    /// DM variable of the inclusion date (study day 1), copied to ENRLDT.
    public var inclusionDate: String
    /// DM variable of the planned arm code.
    public var arm: String
    /// DM variable of the actual arm code.
    public var actualArm: String
    /// Arm code → treatment.
    public var treatments: [Treatment]
    /// Age groups in order.
    public var ageGroups: [AgeGroup]
    /// Sources of the first treatment date (TRTSDT = earliest).
    public var treatmentStart: [DateSource]
    /// Sources of the last treatment date (TRTEDT = latest).
    public var treatmentEnd: [DateSource]
    /// Sources of dates a subject was known alive (LSTALVDT = latest).
    public var lastAlive: [DateSource]
    /// Source of the death date (DTHDT, DTHDTF).
    public var death: DateSource?
    /// Imputation of a partial DM.BRTHDTC (BRTHDT/BRTHDTF) used for AGE when DM.AGE is null;
    /// `nil`: AGE stays null.
    public var birthDateImputation: DateImputation?
    /// Further ADSL variables, in output order.
    public var variables: [ValueSource]

    /// Creates an ADSL configuration.
    public init(inclusionDate: String = "RFSTDTC", arm: String = "ARMCD", actualArm: String = "ACTARMCD",
                treatments: [Treatment], ageGroups: [AgeGroup] = [], treatmentStart: [DateSource] = [],
                treatmentEnd: [DateSource] = [], lastAlive: [DateSource] = [], death: DateSource? = nil,
                birthDateImputation: DateImputation? = nil, variables: [ValueSource] = []) {
        self.inclusionDate = inclusionDate
        self.arm = arm
        self.actualArm = actualArm
        self.treatments = treatments
        self.ageGroups = ageGroups
        self.treatmentStart = treatmentStart
        self.treatmentEnd = treatmentEnd
        self.lastAlive = lastAlive
        self.death = death
        self.birthDateImputation = birthDateImputation
        self.variables = variables
    }

    enum CodingKeys: String, CodingKey {
        case inclusionDate, arm, actualArm, treatments, ageGroups, treatmentStart, treatmentEnd, lastAlive, death, birthDateImputation, variables
    }

    /// Decodes YAML; every key but `treatments` has a default.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inclusionDate = try c.decodeIfPresent(String.self, forKey: .inclusionDate) ?? "RFSTDTC"
        arm = try c.decodeIfPresent(String.self, forKey: .arm) ?? "ARMCD"
        actualArm = try c.decodeIfPresent(String.self, forKey: .actualArm) ?? "ACTARMCD"
        treatments = try c.decode([Treatment].self, forKey: .treatments)
        ageGroups = try c.decodeIfPresent([AgeGroup].self, forKey: .ageGroups) ?? []
        treatmentStart = try c.decodeIfPresent([DateSource].self, forKey: .treatmentStart) ?? []
        treatmentEnd = try c.decodeIfPresent([DateSource].self, forKey: .treatmentEnd) ?? []
        lastAlive = try c.decodeIfPresent([DateSource].self, forKey: .lastAlive) ?? []
        death = try c.decodeIfPresent(DateSource.self, forKey: .death)
        birthDateImputation = try c.decodeIfPresent(DateImputation.self, forKey: .birthDateImputation)
        variables = try c.decodeIfPresent([ValueSource].self, forKey: .variables) ?? []
    }
}
