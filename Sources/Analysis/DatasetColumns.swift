import Foundation
import TrialCore

/// Typed access to the columns of an ADaM dataset, with errors that name the dataset, row and
/// variable (SAS missing and blank text become `nil`).
public enum DatasetColumns {
    /// The variable as numbers; text that is not a number is an error.
    public static func numbers(_ ds: Dataset, _ variable: String) throws(AnalysisError) -> [Double?] {
        guard let c = ds.column(variable) else { throw .missingVariable(dataset: ds.name, variable: variable) }
        var out: [Double?] = []
        out.reserveCapacity(c.values.count)
        for (i, v) in c.values.enumerated() { out.append(try number(v, dataset: ds.name, row: i, variable: variable)) }
        return out
    }

    /// One value as a number (`nil` when missing or blank); text that is not a number is an
    /// error naming `dataset`, the 1-based row `row + 1` and `variable`.
    @inlinable
    public static func number(_ v: Value, dataset: String, row: Int, variable: String) throws(AnalysisError) -> Double? {
        switch v {
        case .number(let x): return x
        case .missing: return nil
        case .character(let s):
            let t = s.trimmedBlanks
            if t.isEmpty { return nil }
            guard let x = Double(t) else {
                throw .badValue(dataset: dataset, row: row + 1, variable: variable, value: s, expected: "a number")
            }
            return x
        }
    }

    /// The variable as text (numbers formatted as `Value.text`).
    public static func strings(_ ds: Dataset, _ variable: String) throws(AnalysisError) -> [String?] {
        guard let c = ds.column(variable) else { throw .missingVariable(dataset: ds.name, variable: variable) }
        return c.values.map(text)
    }

    /// One value as text: numbers formatted as `Value.text`, blanks trimmed, missing and blank `nil`.
    @inlinable
    public static func text(_ v: Value) -> String? {
        switch v {
        case .number: return v.text
        case .missing: return nil
        case .character(let s):
            let t = s.trimmedBlanks
            return t.isEmpty ? nil : t
        }
    }

    /// The column of `variable`, or a missing-variable error.
    public static func column(_ ds: Dataset, _ variable: String) throws(AnalysisError) -> Column {
        guard let c = ds.column(variable) else { throw .missingVariable(dataset: ds.name, variable: variable) }
        return c
    }

    /// The covariate for `spec`: numeric, or a factor (numeric codes keep numeric level order).
    public static func covariate(_ ds: Dataset, _ spec: AnalysisPlan.CovariateSpec) throws(AnalysisError) -> Covariate {
        guard let c = ds.column(spec.variable) else { throw .missingVariable(dataset: ds.name, variable: spec.variable) }
        switch spec.type {
        case .numeric:
            var x = try numbers(ds, spec.variable)
            if spec.transform == "log" {
                for i in x.indices {
                    guard let v = x[i] else { continue }
                    guard v > 0 else {
                        throw .badValue(dataset: ds.name, row: i + 1, variable: spec.variable, value: Value.format(v),
                                        expected: "a positive number (the plan takes its logarithm)")
                    }
                    x[i] = log(v)
                }
            }
            return .numeric(name: spec.variable, values: x)
        case .factor:
            if c.type == .numeric { return .numericFactor(name: spec.variable, values: try numbers(ds, spec.variable)) }
            return .factor(name: spec.variable, labels: try strings(ds, spec.variable))
        }
    }
}

extension String {
    /// The string without leading and trailing blanks and tabs (the string itself, not a copy,
    /// when it has none).
    @usableFromInline
    var trimmedBlanks: String {
        let u = utf8
        guard let f = u.first, let l = u.last else { return self }
        if f != 0x20 && f != 0x09 && l != 0x20 && l != 0x09 { return self }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
