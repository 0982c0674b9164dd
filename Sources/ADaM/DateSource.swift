import TrialCore

/// A declared source of dated SDTM records: a dataset, a filter, the date variable, the
/// sequence variable, and how a partial date is imputed.
///
/// YAML (flat keys): `{dataset: RS, where: {RSTESTCD: INTRHRSP}, date: RSDTC,
/// imputation: {rule: first, highest: day}, notAfter: [DTHDT, cutoff]}`. `seq` defaults to
/// `<dataset>SEQ` (`RSSEQ`) when the dataset has it (DM has none). `notAfter`/`notBefore`
/// name ADSL date variables (or `cutoff`, the data cut-off date) that bound an imputed date.
/// Without `imputation`, only complete dates are used.
public struct DateSource: Sendable, Hashable, Codable {
    /// SDTM dataset name, e.g. `RS`.
    public var dataset: String
    /// Which records count.
    public var filter: RecordFilter
    /// The ISO 8601 date variable, e.g. `RSDTC`.
    public var date: String
    /// The sequence variable (`RSSEQ`); `nil` means `<dataset>SEQ` when present.
    public var seq: String?
    /// Imputation of partial dates; `nil` uses complete dates only.
    public var imputation: DateImputation?
    /// ADSL date variables (or `cutoff`) an imputed date may not be after.
    public var notAfter: [String]
    /// ADSL date variables (or `cutoff`) an imputed date may not be before.
    public var notBefore: [String]

    /// Creates a date source.
    public init(dataset: String, filter: RecordFilter = .all, date: String, seq: String? = nil,
                imputation: DateImputation? = nil, notAfter: [String] = [], notBefore: [String] = []) {
        self.dataset = dataset
        self.filter = filter
        self.date = date
        self.seq = seq
        self.imputation = imputation
        self.notAfter = notAfter
        self.notBefore = notBefore
    }

    enum CodingKeys: String, CodingKey {
        case dataset, `where`, exclude, date, seq, imputation, notAfter, notBefore
    }

    /// Decodes the flat YAML form.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dataset = try c.decode(String.self, forKey: .dataset).uppercased()
        filter = try RecordFilter.decode(from: c, where: .where, exclude: .exclude)
        date = try c.decode(String.self, forKey: .date)
        seq = try c.decodeIfPresent(String.self, forKey: .seq)
        imputation = try c.decodeIfPresent(DateImputation.self, forKey: .imputation)
        notAfter = try c.decodeIfPresent([String].self, forKey: .notAfter) ?? []
        notBefore = try c.decodeIfPresent([String].self, forKey: .notBefore) ?? []
    }

    /// Encodes the flat YAML form.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dataset, forKey: .dataset)
        if !filter.include.isEmpty { try c.encode(filter.include, forKey: .where) }
        if !filter.exclude.isEmpty { try c.encode(filter.exclude, forKey: .exclude) }
        try c.encode(date, forKey: .date)
        try c.encodeIfPresent(seq, forKey: .seq)
        try c.encodeIfPresent(imputation, forKey: .imputation)
        if !notAfter.isEmpty { try c.encode(notAfter, forKey: .notAfter) }
        if !notBefore.isEmpty { try c.encode(notBefore, forKey: .notBefore) }
    }

    /// The dated records of subject `usubjid`, in row order: a record counts when it passes the
    /// filter and its date is complete or imputable. `references` resolves a `notAfter` /
    /// `notBefore` name to a date (`nil` when the subject has none).
    public func records(in sdtm: SDTMData, subject usubjid: String,
                        references: (String) -> CalendarDate? = { _ in nil }) -> [DatedRecord] {
        BoundDateSource(self, in: sdtm).records(subject: usubjid, references: references)
    }
}

/// One SDTM record with a (possibly imputed) date: where it is and what date it gives.
public struct DatedRecord: Sendable, Hashable {
    /// Subject.
    public var usubjid: String
    /// The analysis date.
    public var date: CalendarDate
    /// Imputation flag (`D`, `M`) or `nil`.
    public var flag: String?
    /// SDTM dataset (SRCDOM).
    public var dataset: String
    /// Date variable (SRCVAR).
    public var variable: String
    /// Sequence number (SRCSEQ), `nil` for datasets without one (DM).
    public var seq: Double?
    /// Row index (0-based) in the SDTM dataset.
    public var row: Int
}
