import TrialCore

/// Analysis visit windows: each analysis visit has a target study day and a window of ±`halfWidth`
/// days; a record whose study day falls in a window gets that AVISIT/AVISITN.
///
/// For this study (STUDY.md): months 0, 3, …, 24 with target day = round(month × 30.4375) + 1
/// and ±14 days. Windows must not overlap (checked when loaded). When two records of one
/// subject and parameter fall into one window, `tieRule` picks the analysed one (ANL01FL):
/// - `closest`: the record nearest the target day; at equal distance the earlier one;
/// - `first`: the earliest record in the window;
/// - `last`: the latest record in the window.
/// Records on the same day are ordered by their source sequence, the first one wins.
public struct VisitWindows: Sendable, Hashable, Codable {
    /// One analysis visit.
    public struct Window: Sendable, Hashable, Codable {
        /// AVISITN, e.g. 3.
        public var avisitn: Double
        /// AVISIT, e.g. `MONTH 3`.
        public var avisit: String
        /// Target study day, e.g. 92.
        public var targetDay: Int

        /// Creates a window.
        public init(avisitn: Double, avisit: String, targetDay: Int) {
            self.avisitn = avisitn
            self.avisit = avisit
            self.targetDay = targetDay
        }
    }

    /// How one record is chosen when several fall into one window.
    public enum TieRule: String, Sendable, Hashable, Codable {
        /// Nearest to the target day; at equal distance the earlier.
        case closest
        /// Earliest in the window.
        case first
        /// Latest in the window.
        case last
    }

    /// The windows, in visit order.
    public var windows: [Window]
    /// Half-width of every window in days (±).
    public var halfWidth: Int
    /// The rule for two or more records in one window.
    public var tieRule: TieRule

    /// Creates visit windows.
    public init(windows: [Window], halfWidth: Int, tieRule: TieRule = .closest) {
        self.windows = windows
        self.halfWidth = halfWidth
        self.tieRule = tieRule
    }

    enum CodingKeys: String, CodingKey { case windows, halfWidth, tieRule, every, through }

    /// Decodes YAML: explicit `windows:` or `every:`/`through:` months (default 3 and 24),
    /// `halfWidth` (default 14) and `tieRule` (default `closest`).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let half = try c.decodeIfPresent(Int.self, forKey: .halfWidth) ?? 14
        let tie = try c.decodeIfPresent(TieRule.self, forKey: .tieRule) ?? .closest
        if let ws = try c.decodeIfPresent([Window].self, forKey: .windows) {
            self.init(windows: ws, halfWidth: half, tieRule: tie)
        } else {
            self = .monthly(every: try c.decodeIfPresent(Int.self, forKey: .every) ?? 3,
                            through: try c.decodeIfPresent(Int.self, forKey: .through) ?? 24,
                            halfWidth: half, tieRule: tie)
        }
    }

    /// Encodes YAML with explicit windows.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(windows, forKey: .windows)
        try c.encode(halfWidth, forKey: .halfWidth)
        try c.encode(tieRule, forKey: .tieRule)
    }

    /// Windows every `stepMonths` months from 0 to `lastMonth`, target day
    /// round(month × 30.4375) + 1, named `MONTH m`.
    public static func monthly(every stepMonths: Int = 3, through lastMonth: Int = 24, halfWidth: Int = 14,
                               tieRule: TieRule = .closest) -> VisitWindows {
        let ws = stride(from: 0, through: lastMonth, by: stepMonths).map { m in
            Window(avisitn: Double(m), avisit: "MONTH \(m)", targetDay: Int((Double(m) * 30.4375).rounded()) + 1)
        }
        return VisitWindows(windows: ws, halfWidth: halfWidth, tieRule: tieRule)
    }

    /// The window holding study day `day`, or `nil`.
    public func window(forDay day: Int) -> Window? {
        // Study days skip 0: the distance from day -1 to day 1 is one day.
        windows.first { abs(Self.distance(day, $0.targetDay)) <= halfWidth }
    }

    /// Signed distance in days between study days `a` and `b` (`a − b`, no day 0).
    public static func distance(_ a: Int, _ b: Int) -> Int {
        func linear(_ d: Int) -> Int { d > 0 ? d - 1 : d }
        return linear(a) - linear(b)
    }

    /// Checks that windows do not overlap; the message names the two visits.
    public func validate() -> String? {
        let sorted = windows.sorted { $0.targetDay < $1.targetDay }
        for (a, b) in zip(sorted, sorted.dropFirst()) where Self.distance(b.targetDay, a.targetDay) <= 2 * halfWidth {
            return "analysis visit windows \(a.avisit) and \(b.avisit) overlap (targets \(a.targetDay), \(b.targetDay), ±\(halfWidth))"
        }
        return nil
    }
}
