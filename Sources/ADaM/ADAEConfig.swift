import TrialCore

/// How ADAE is derived (`adae:` in `adam.yaml`).
///
/// ```yaml
/// adae:
///   dataset: AE
///   start: {imputation: {rule: first, highest: month}, notBefore: [TRTSDT], notAfter: [DTHDT, cutoff]}
///   end:   {imputation: {rule: last, highest: month}, notAfter: [DTHDT, cutoff]}
///   treatmentEmergent: {start: TRTSDT, end: TRTEDT, daysAfterEnd: 30}
///   grade: AETOXGR
///   relationships:
///     - {name: AREL, label: Causality to Local Treatment, supp: SUPPAE, qnam: AERELLT}
///     - {name: ARELSYS, label: Causality to Systemic Therapy, variable: AEREL}
/// ```
/// TRTEMFL = `Y` when ASTDT ≥ `start` and (no `end` date, or ASTDT ≤ `end` + `daysAfterEnd`);
/// an AE without a start date that ends on or after `start` (or has no end) is counted as
/// treatment-emergent (worst case).
public struct ADAEConfig: Sendable, Hashable, Codable {
    /// Imputation of one AE date.
    public struct DateRule: Sendable, Hashable, Codable {
        /// The imputation, or `nil` for complete dates only.
        public var imputation: DateImputation?
        /// ADSL date variables (or `cutoff`) the imputed date may not be after.
        public var notAfter: [String]
        /// ADSL date variables (or `cutoff`) the imputed date may not be before.
        public var notBefore: [String]

        /// Creates a rule.
        public init(imputation: DateImputation?, notAfter: [String] = [], notBefore: [String] = []) {
            self.imputation = imputation
            self.notAfter = notAfter
            self.notBefore = notBefore
        }

        enum CodingKeys: String, CodingKey { case imputation, notAfter, notBefore }

        /// Decodes YAML.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            imputation = try c.decodeIfPresent(DateImputation.self, forKey: .imputation)
            notAfter = try c.decodeIfPresent([String].self, forKey: .notAfter) ?? []
            notBefore = try c.decodeIfPresent([String].self, forKey: .notBefore) ?? []
        }
    }

    /// The treatment-emergent window.
    public struct TreatmentEmergent: Sendable, Hashable, Codable {
        /// ADSL date the window opens on.
        public var start: String
        /// ADSL date the window closes after (plus `daysAfterEnd`), or `nil` for no end.
        public var end: String?
        /// Days after `end` still counted.
        public var daysAfterEnd: Int

        /// Creates the window.
        public init(start: String = "TRTSDT", end: String? = "TRTEDT", daysAfterEnd: Int = 30) {
            self.start = start
            self.end = end
            self.daysAfterEnd = daysAfterEnd
        }
    }

    /// One relationship variable: from an AE variable or a SUPPAE qualifier (joined on
    /// USUBJID and IDVARVAL = AESEQ).
    public struct Relationship: Sendable, Hashable, Codable {
        /// ADAE variable, e.g. `AREL`.
        public var name: String
        /// Label.
        public var label: String
        /// AE variable holding the value, or `nil`.
        public var variable: String?
        /// Supplemental qualifier dataset, e.g. `SUPPAE`.
        public var supp: String?
        /// QNAM in the supplemental dataset.
        public var qnam: String?

        /// Creates a relationship source.
        public init(name: String, label: String, variable: String? = nil, supp: String? = nil, qnam: String? = nil) {
            self.name = name
            self.label = label
            self.variable = variable
            self.supp = supp
            self.qnam = qnam
        }
    }

    /// SDTM dataset, `AE`.
    public var dataset: String
    /// Start date rule (ASTDT/ASTDTF from AESTDTC).
    public var start: DateRule
    /// End date rule (AENDT/AENDTF from AEENDTC).
    public var end: DateRule
    /// Treatment-emergent window.
    public var treatmentEmergent: TreatmentEmergent
    /// Toxicity grade variable.
    public var grade: String
    /// Relationship variables.
    public var relationships: [Relationship]
    /// ADSL date of study day 1 for ASTDY/AENDY.
    public var dayReference: String

    /// Creates the configuration (defaults as in the type's documentation).
    public init(dataset: String = "AE",
                start: DateRule = DateRule(imputation: DateImputation(rule: .first, highest: .month), notAfter: ["DTHDT", "cutoff"], notBefore: ["TRTSDT"]),
                end: DateRule = DateRule(imputation: DateImputation(rule: .last, highest: .month), notAfter: ["DTHDT", "cutoff"]),
                treatmentEmergent: TreatmentEmergent = TreatmentEmergent(), grade: String = "AETOXGR",
                relationships: [Relationship] = [Relationship(name: "AREL", label: "Analysis Causality", variable: "AEREL")],
                dayReference: String = "ENRLDT") {
        self.dataset = dataset
        self.start = start
        self.end = end
        self.treatmentEmergent = treatmentEmergent
        self.grade = grade
        self.relationships = relationships
        self.dayReference = dayReference
    }

    enum CodingKeys: String, CodingKey { case dataset, start, end, treatmentEmergent, grade, relationships, dayReference }

    /// Decodes YAML; every key has the default shown above.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ADAEConfig()
        dataset = try c.decodeIfPresent(String.self, forKey: .dataset)?.uppercased() ?? d.dataset
        start = try c.decodeIfPresent(DateRule.self, forKey: .start) ?? d.start
        end = try c.decodeIfPresent(DateRule.self, forKey: .end) ?? d.end
        treatmentEmergent = try c.decodeIfPresent(TreatmentEmergent.self, forKey: .treatmentEmergent) ?? d.treatmentEmergent
        grade = try c.decodeIfPresent(String.self, forKey: .grade) ?? d.grade
        relationships = try c.decodeIfPresent([Relationship].self, forKey: .relationships) ?? d.relationships
        dayReference = try c.decodeIfPresent(String.self, forKey: .dayReference) ?? d.dayReference
    }
}
