/// Codes a categorical variable the way R's `factor()` does: levels sorted (numbers
/// numerically, text by byte order as in the C locale), codes 0..<levels.count.
///
/// Example: `FactorCoding(text: ["b", "a", "b"])` has levels ["a", "b"], codes [1, 0, 1].
public struct FactorCoding: Sendable, Equatable {
    /// Level labels in R's order; level 0 is the reference of treatment contrasts.
    public let levels: [String]
    /// Level code per row.
    public let codes: [Int]

    /// Text values: levels in byte (UTF-8 code unit) order.
    public init(text values: [String]) {
        let uniq = Set(values)
        let lv = uniq.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var index: [String: Int] = [:]
        for (k, v) in lv.enumerated() { index[v] = k }
        levels = lv
        codes = values.map { index[$0]! }
    }

    /// Numeric values: levels in numeric order, labelled as R's `as.character()` prints them.
    public init(numbers values: [Double]) {
        let lv = Set(values).sorted()
        var index: [Double: Int] = [:]
        for (k, v) in lv.enumerated() { index[v] = k }
        levels = lv.map(FactorCoding.label)
        codes = values.map { index[$0]! }
    }

    /// R-like label for a number: integers without a decimal point, others with up to 15 significant digits.
    public static func label(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        var s = String(v)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
