import Foundation

/// A visit of the schedule: inclusion (month 0) and follow-up every 3 months up to month 24,
/// or an unscheduled visit.
///
/// VISITNUM is the month for scheduled visits (0, 3, …, 24) and month + 0.1·k for the k-th
/// unscheduled visit after it (SDTM convention for unplanned visits).
public enum Visit: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// A scheduled visit at `month` (0, 3, 6, …, 24).
    case scheduled(month: Int)
    /// The `index`-th (1-based) unscheduled visit after the scheduled visit at `afterMonth`.
    case unscheduled(afterMonth: Int, index: Int)

    /// Months of the scheduled visits.
    public static let scheduledMonths = Array(stride(from: 0, through: 24, by: 3))
    /// Nominal study day of a scheduled visit: month × 30.4375 days rounded, plus 1 (day 1 = inclusion).
    public var nominalDay: Int? {
        guard case .scheduled(let m) = self else { return nil }
        return Int((Double(m) * 30.4375).rounded()) + 1
    }
    /// Window half-width around the nominal day, in days.
    public static let windowDays = 14

    /// SDTM VISIT: `BASELINE`, `MONTH 3`, …, `UNSCHEDULED 3.1`.
    public var name: String {
        switch self {
        case .scheduled(0): return "BASELINE"
        case .scheduled(let m): return "MONTH \(m)"
        case let .unscheduled(m, k): return "UNSCHEDULED \(m).\(k)"
        }
    }

    /// SDTM VISITNUM.
    public var number: Double {
        switch self {
        case .scheduled(let m): return Double(m)
        case let .unscheduled(m, k): return Double(m) + Double(k) / 10
        }
    }

    /// Parses `BASELINE`, `MONTH 3`, `M3`, `UNSCHEDULED 3.1` (case-insensitive), else `nil`.
    public init?(name: String) {
        let u = name.uppercased().trimmingCharacters(in: .whitespaces)
        if u == "BASELINE" || u == "SCREENING/BASELINE" || u == "M0" || u == "MONTH 0" { self = .scheduled(month: 0); return }
        for prefix in ["MONTH ", "M"] where u.hasPrefix(prefix) {
            if let m = Int(u.dropFirst(prefix.count)), Visit.scheduledMonths.contains(m) {
                self = .scheduled(month: m); return
            }
        }
        if u.hasPrefix("UNSCHEDULED ") {
            let parts = u.dropFirst("UNSCHEDULED ".count).split(separator: ".")
            if parts.count == 2, let m = Int(parts[0]), let k = Int(parts[1]), k > 0 {
                self = .unscheduled(afterMonth: m, index: k); return
            }
        }
        return nil
    }

    /// Same as `name`.
    public var description: String { name }

    /// Order by VISITNUM.
    public static func < (a: Visit, b: Visit) -> Bool { a.number < b.number }
}

