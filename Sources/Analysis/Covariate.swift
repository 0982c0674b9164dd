/// One candidate model variable, one value per row (`nil` = missing): numeric or categorical.
///
/// Categorical variables are coded as R's `factor()` does: levels sorted (by number when the
/// variable is numeric, by byte order — R in the C locale — when it is text), the first level is
/// the reference of treatment contrasts.
/// Example: `Covariate.factor(name: "SEX", labels: ["M", "F", nil])`.
public enum Covariate: Sendable, Equatable {
    /// A numeric covariate entering the model linearly.
    case numeric(name: String, values: [Double?])
    /// A categorical covariate with text labels; levels in byte order.
    case factor(name: String, labels: [String?])
    /// A categorical covariate with numeric codes (e.g. ECOG 0/1/2); levels in numeric order.
    case numericFactor(name: String, values: [Double?])

    /// The variable name.
    public var name: String {
        switch self {
        case let .numeric(name, _), let .factor(name, _), let .numericFactor(name, _): return name
        }
    }

    /// Number of rows.
    public var count: Int {
        switch self {
        case let .numeric(_, v): return v.count
        case let .factor(_, v): return v.count
        case let .numericFactor(_, v): return v.count
        }
    }

    /// True when row `i` is missing.
    public func isMissing(_ i: Int) -> Bool {
        switch self {
        case let .numeric(_, v): return v[i] == nil
        case let .factor(_, v): return v[i] == nil
        case let .numericFactor(_, v): return v[i] == nil
        }
    }

    /// True for the two categorical cases.
    public var isCategorical: Bool {
        if case .numeric = self { return false }
        return true
    }

    /// Level labels among `rows`, in R's order (empty for a numeric covariate).
    public func levels(rows: [Int]) -> [String] {
        switch self {
        case .numeric: return []
        case let .factor(_, v):
            let present = Set(rows.compactMap { v[$0] })
            return present.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        case let .numericFactor(_, v):
            return Set(rows.compactMap { v[$0] }).sorted().map(Covariate.label)
        }
    }

    /// The level label of row `i` (nil when missing or numeric).
    public func label(_ i: Int) -> String? {
        switch self {
        case .numeric: return nil
        case let .factor(_, v): return v[i]
        case let .numericFactor(_, v): return v[i].map(Covariate.label)
        }
    }

    /// The index into `levels` of each row's level label (nil when missing, numeric, or a label
    /// not in `levels`); one label lookup per distinct value instead of one per row and level.
    public func levelCodes(levels: [String]) -> [Int?] {
        let index = Dictionary(levels.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        switch self {
        case .numeric: return [Int?](repeating: nil, count: count)
        case let .factor(_, v): return v.map { $0.flatMap { index[$0] } }
        case let .numericFactor(_, v):
            var byValue: [Double: Int?] = [:]
            return v.map { x -> Int? in
                guard let x else { return nil }
                if let c = byValue[x] { return c }
                let c = index[Covariate.label(x)]
                byValue[x] = c
                return c
            }
        }
    }

    /// R's `as.character()` of a number: integers without a decimal point.
    public static func label(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }
}
