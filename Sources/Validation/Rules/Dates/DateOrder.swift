import TrialCore

/// Compares two ISO 8601 date texts that may be partial, at the precision both share.
enum DateOrder {
    /// True when `start` is certainly after `end`: at the first date-time component where
    /// both are known and differ, start's is larger; components are compared in order
    /// (year, month, day, hour, minute, second) and comparison stops at the first unknown one.
    static func startIsAfterEnd(_ start: String, _ end: String) -> Bool {
        guard let a = try? PartialDateTime.parseISO8601(start),
              let b = try? PartialDateTime.parseISO8601(end) else { return false }
        let pa = [a.year, a.month, a.day, a.hour, a.minute, a.second]
        let pb = [b.year, b.month, b.day, b.hour, b.minute, b.second]
        for k in 0..<6 {
            guard let x = pa[k], let y = pb[k] else { return false }
            if x != y { return x > y }
        }
        return false
    }
}
