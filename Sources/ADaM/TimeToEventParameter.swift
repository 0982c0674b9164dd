import TrialCore

/// One ADTTE parameter declared in `mappings/<study>/endpoints.yaml`: its origin, event and
/// censoring sources, and censoring options (admiral `derive_param_tte` with `event_source` /
/// `censor_source` objects).
///
/// Rule: among the subject's event records dated on or after the origin, the earliest wins
/// (same day: the source declared first, then the lowest sequence); without an event the
/// latest censoring record dated on or after the origin wins (same day: the source declared
/// first). Options:
/// - `maxDay: {day: 730, cnsr: 3, cnsdtdsc: …}`: an event or censoring after study day `day`
///   becomes a censoring at day `day` (ADT = STARTDT + day − 1; SRCDOM/SRCVAR name the origin);
/// - `missedAssessments: {count: 2, intervalDays: 91, windowDays: 14}`: an event from a source
///   with `censorAfterMissedAssessments: true` (death) that comes more than
///   count × intervalDays + windowDays days after the last adequate assessment (censor sources
///   with `assessment: true`; the origin when there is none) is censored at that assessment.
public struct TimeToEventParameter: Sendable, Hashable, Codable {
    /// An event source: a dated-record source plus what it sets.
    public struct Event: Sendable, Hashable, Codable {
        /// Where the event records are.
        public var source: DateSource
        /// EVNTDESC, e.g. `DEATH`.
        public var evntdesc: String
        /// Censor this event at the last assessment when it follows missed assessments.
        public var censorAfterMissedAssessments: Bool

        /// Creates an event source.
        public init(source: DateSource, evntdesc: String, censorAfterMissedAssessments: Bool = false) {
            self.source = source
            self.evntdesc = evntdesc
            self.censorAfterMissedAssessments = censorAfterMissedAssessments
        }

        enum CodingKeys: String, CodingKey { case evntdesc, censorAfterMissedAssessments }

        /// Decodes the flat YAML form (the `DateSource` keys plus `evntdesc`).
        public init(from decoder: Decoder) throws {
            source = try DateSource(from: decoder)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            evntdesc = try c.decode(String.self, forKey: .evntdesc)
            censorAfterMissedAssessments = try c.decodeIfPresent(Bool.self, forKey: .censorAfterMissedAssessments) ?? false
        }

        /// Encodes the flat YAML form.
        public func encode(to encoder: Encoder) throws {
            try source.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(evntdesc, forKey: .evntdesc)
            try c.encode(censorAfterMissedAssessments, forKey: .censorAfterMissedAssessments)
        }
    }

    /// A censoring source: a dated-record source plus what it sets.
    public struct Censor: Sendable, Hashable, Codable {
        /// Where the censoring records are.
        public var source: DateSource
        /// CNSDTDSC, e.g. `LAST KNOWN ALIVE`.
        public var cnsdtdsc: String
        /// EVNTDESC on censored rows (defaults to `cnsdtdsc`).
        public var evntdesc: String
        /// CNSR code (≥ 1).
        public var cnsr: Int
        /// Records of this source are adequate assessments (for the missed-assessment rule).
        public var assessment: Bool

        /// Creates a censoring source.
        public init(source: DateSource, cnsdtdsc: String, evntdesc: String? = nil, cnsr: Int = 1, assessment: Bool = false) {
            self.source = source
            self.cnsdtdsc = cnsdtdsc
            self.evntdesc = evntdesc ?? cnsdtdsc
            self.cnsr = cnsr
            self.assessment = assessment
        }

        enum CodingKeys: String, CodingKey { case cnsdtdsc, evntdesc, cnsr, assessment }

        /// Decodes the flat YAML form (the `DateSource` keys plus `cnsdtdsc`, `cnsr`, …).
        public init(from decoder: Decoder) throws {
            source = try DateSource(from: decoder)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            cnsdtdsc = try c.decode(String.self, forKey: .cnsdtdsc)
            evntdesc = try c.decodeIfPresent(String.self, forKey: .evntdesc) ?? cnsdtdsc
            cnsr = try c.decodeIfPresent(Int.self, forKey: .cnsr) ?? 1
            assessment = try c.decodeIfPresent(Bool.self, forKey: .assessment) ?? false
        }

        /// Encodes the flat YAML form.
        public func encode(to encoder: Encoder) throws {
            try source.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cnsdtdsc, forKey: .cnsdtdsc)
            try c.encode(evntdesc, forKey: .evntdesc)
            try c.encode(cnsr, forKey: .cnsr)
            try c.encode(assessment, forKey: .assessment)
        }
    }

    /// Administrative censoring at a fixed study day.
    public struct MaxDay: Sendable, Hashable, Codable {
        /// Last study day of follow-up, e.g. 730.
        public var day: Int
        /// CNSR code of the administrative censoring.
        public var cnsr: Int
        /// CNSDTDSC (and EVNTDESC) of the administrative censoring.
        public var cnsdtdsc: String

        /// Creates the option.
        public init(day: Int, cnsr: Int, cnsdtdsc: String) {
            self.day = day
            self.cnsr = cnsr
            self.cnsdtdsc = cnsdtdsc
        }
    }

    /// The missed-assessments rule (see the type's documentation).
    public struct MissedAssessments: Sendable, Hashable, Codable {
        /// Number of missed assessments, e.g. 2.
        public var count: Int
        /// Days between scheduled assessments, e.g. 91.
        public var intervalDays: Int
        /// Visit window half-width in days, e.g. 14.
        public var windowDays: Int

        /// Creates the rule.
        public init(count: Int, intervalDays: Int, windowDays: Int) {
            self.count = count
            self.intervalDays = intervalDays
            self.windowDays = windowDays
        }

        /// Largest gap in days (event date − last assessment date) that still counts as an event.
        public var maxGapDays: Int { count * intervalDays + windowDays }
    }

    /// PARAMCD, e.g. `OS`.
    public var paramcd: String
    /// PARAM, e.g. `Overall Survival (days)`.
    public var param: String
    /// PARAMN (order), if given.
    public var paramn: Double?
    /// ADSL date variable of the time origin (STARTDT), e.g. `ENRLDT`.
    public var origin: String
    /// Event sources in priority order.
    public var events: [Event]
    /// Censoring sources in priority order.
    public var censors: [Censor]
    /// Administrative censoring, if any.
    public var maxDay: MaxDay?
    /// Missed-assessments rule, if any.
    public var missedAssessments: MissedAssessments?

    /// Creates a parameter.
    public init(paramcd: String, param: String, paramn: Double? = nil, origin: String = "ENRLDT",
                events: [Event], censors: [Censor], maxDay: MaxDay? = nil, missedAssessments: MissedAssessments? = nil) {
        self.paramcd = paramcd
        self.param = param
        self.paramn = paramn
        self.origin = origin
        self.events = events
        self.censors = censors
        self.maxDay = maxDay
        self.missedAssessments = missedAssessments
    }

    enum CodingKeys: String, CodingKey { case paramcd, param, paramn, origin, events, censors, maxDay, missedAssessments }

    /// Decodes YAML (`origin` defaults to `ENRLDT`).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        paramcd = try c.decode(String.self, forKey: .paramcd)
        param = try c.decode(String.self, forKey: .param)
        paramn = try c.decodeIfPresent(Double.self, forKey: .paramn)
        origin = try c.decodeIfPresent(String.self, forKey: .origin) ?? "ENRLDT"
        events = try c.decodeIfPresent([Event].self, forKey: .events) ?? []
        censors = try c.decodeIfPresent([Censor].self, forKey: .censors) ?? []
        maxDay = try c.decodeIfPresent(MaxDay.self, forKey: .maxDay)
        missedAssessments = try c.decodeIfPresent(MissedAssessments.self, forKey: .missedAssessments)
    }
}
