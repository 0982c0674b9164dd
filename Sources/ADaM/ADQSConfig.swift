import TrialCore

/// Where the QLQ-C30 items are in SDTM and how ADQS is windowed (`adqs:` in `adam.yaml`).
///
/// ```yaml
/// adqs:
///   dataset: QS
///   where: {QSCAT: EORTC QLQ-C30 V3.0}
///   testcd: QSTESTCD          # EOR0101…EOR0130
///   result: [QSSTRESN, QSSTRESC]   # first present numeric wins
///   date: QSDTC
///   dayReference: ENRLDT      # ADSL date of study day 1
///   baseline: {lastOnOrBeforeDay: 1}
/// ```
/// Items of one questionnaire share USUBJID, VISITNUM and date.
public struct ADQSConfig: Sendable, Hashable, Codable {
    /// SDTM dataset, `QS`.
    public var dataset: String
    /// Which QS records are QLQ-C30 items.
    public var filter: RecordFilter
    /// Test code variable.
    public var testcd: String
    /// Result variables in preference order.
    public var result: [String]
    /// Date variable.
    public var date: String
    /// Partial-date imputation of the questionnaire date, or `nil` (complete dates only).
    public var imputation: DateImputation?
    /// ADSL date of study day 1.
    public var dayReference: String
    /// The baseline rule.
    public var baseline: BaselineRule

    /// Creates the configuration.
    public init(dataset: String = "QS", filter: RecordFilter = RecordFilter(include: ["QSCAT": ["EORTC QLQ-C30 V3.0"]]),
                testcd: String = "QSTESTCD", result: [String] = ["QSSTRESN", "QSSTRESC"], date: String = "QSDTC",
                imputation: DateImputation? = nil, dayReference: String = "ENRLDT",
                baseline: BaselineRule = .lastOnOrBefore(day: 1)) {
        self.dataset = dataset
        self.filter = filter
        self.testcd = testcd
        self.result = result
        self.date = date
        self.imputation = imputation
        self.dayReference = dayReference
        self.baseline = baseline
    }

    enum CodingKeys: String, CodingKey { case dataset, `where`, exclude, testcd, result, date, imputation, dayReference, baseline }

    /// Decodes YAML; every key has the default shown above.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ADQSConfig()
        dataset = try c.decodeIfPresent(String.self, forKey: .dataset)?.uppercased() ?? d.dataset
        let f = try RecordFilter.decode(from: c, where: .where, exclude: .exclude)
        filter = (f.include.isEmpty && f.exclude.isEmpty) ? d.filter : f
        testcd = try c.decodeIfPresent(String.self, forKey: .testcd) ?? d.testcd
        result = try c.decodeIfPresent(StringList.self, forKey: .result)?.values ?? d.result
        date = try c.decodeIfPresent(String.self, forKey: .date) ?? d.date
        imputation = try c.decodeIfPresent(DateImputation.self, forKey: .imputation)
        dayReference = try c.decodeIfPresent(String.self, forKey: .dayReference) ?? d.dayReference
        baseline = try c.decodeIfPresent(BaselineRule.self, forKey: .baseline) ?? d.baseline
    }

    /// Encodes YAML.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(filter.include, forKey: .where)
        try c.encode(testcd, forKey: .testcd)
        try c.encode(result, forKey: .result)
        try c.encode(date, forKey: .date)
        try c.encodeIfPresent(imputation, forKey: .imputation)
        try c.encode(dayReference, forKey: .dayReference)
        try c.encode(baseline, forKey: .baseline)
    }
}
