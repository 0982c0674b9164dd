/// Which record is a subject's baseline for a parameter (ABLFL = `Y`).
///
/// YAML: `{lastOnOrBeforeDay: 1}` — the last record with a non-missing AVAL on or before that
/// study day (ties on one day: the first by sequence); or `{avisitn: 0}` — the analysed record
/// (ANL01FL = `Y`) of that analysis visit.
public struct BaselineRule: Sendable, Hashable, Codable {
    /// Latest study day a baseline record may have (rule 1), or `nil`.
    public var lastOnOrBeforeDay: Int?
    /// Analysis visit whose analysed record is the baseline (rule 2), or `nil`.
    public var avisitn: Double?

    /// The last non-missing value on or before study day `day`.
    public static func lastOnOrBefore(day: Int) -> BaselineRule { BaselineRule(lastOnOrBeforeDay: day, avisitn: nil) }

    /// The analysed record of analysis visit `avisitn`.
    public static func analysisVisit(_ avisitn: Double) -> BaselineRule { BaselineRule(lastOnOrBeforeDay: nil, avisitn: avisitn) }

    /// Creates a rule (exactly one of the two should be set; `lastOnOrBeforeDay` wins).
    public init(lastOnOrBeforeDay: Int?, avisitn: Double?) {
        self.lastOnOrBeforeDay = lastOnOrBeforeDay
        self.avisitn = avisitn
    }
}
