import Survival

/// Turns `Covariate`s into `Survival` model terms on a subset of rows, and names design columns.
enum ModelTerms {
    /// The term of `c` restricted to `rows` (which must be complete for `c`).
    static func term(_ c: Covariate, rows: [Int]) -> ModelTerm {
        switch c {
        case let .numeric(name, v): return .numeric(name: name, values: rows.map { v[$0]! })
        case let .factor(name, v): return .factor(name: name, coding: FactorCoding(text: rows.map { v[$0]! }))
        case let .numericFactor(name, v): return .factor(name: name, coding: FactorCoding(numbers: rows.map { v[$0]! }))
        }
    }

    /// Indicator term(s) for the group: one 0/1 column `VAR=LEVEL` per non-reference group.
    static func groupTerms(variable: String, groups: [String], reference: Int, groupOfRow: [Int]) -> [ModelTerm] {
        groups.indices.filter { $0 != reference }.map { g in
            .numeric(name: "\(variable)=\(groups[g])", values: groupOfRow.map { $0 == g ? 1 : 0 })
        }
    }

    /// The reference level of a factor term (level 0), or nil for numeric terms.
    static func reference(_ t: ModelTerm) -> String? {
        if case let .factor(_, coding) = t { return coding.levels.first }
        return nil
    }
}
