import Foundation
import Testing
@testable import Survival

/// Loads the R-made fixtures (see Fixtures/make_reference.R).
enum Reference {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!
    }

    /// The whole reference.json, parsed once.
    nonisolated(unsafe) static let json: [String: Any] = {
        let data = try! Data(contentsOf: url("reference.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func `case`(_ name: String) -> [String: Any] {
        guard let c = json[name] as? [String: Any] else { fatalError("no reference case \(name)") }
        return c
    }

    /// A numeric array: null → nil, "Inf" → +∞.
    static func numbers(_ obj: [String: Any], _ key: String) -> [Double?] {
        guard let arr = obj[key] as? [Any] else { return [] }
        return arr.map { v in
            if let n = v as? NSNumber { return n.doubleValue }
            if let s = v as? String { return s == "Inf" ? .infinity : (s == "-Inf" ? -.infinity : nil) }
            return nil
        }
    }

    static func values(_ obj: [String: Any], _ key: String) -> [Double] { numbers(obj, key).map { $0 ?? .nan } }

    static func strings(_ obj: [String: Any], _ key: String) -> [String] { obj[key] as? [String] ?? [] }

    /// A CSV fixture as columns (the R script writes simple quoted fields without embedded commas).
    static func table(_ name: String) -> [String: [String]] {
        let text = try! String(contentsOf: url(name), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map { unquote(String($0)) }
        var cols = [String: [String]]()
        for h in header { cols[h] = [] }
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { unquote(String($0)) }
            for (h, f) in zip(header, fields) { cols[h]!.append(f) }
        }
        return cols
    }

    private static func unquote(_ s: String) -> String {
        s.hasPrefix("\"") && s.hasSuffix("\"") && s.count >= 2 ? String(s.dropFirst().dropLast()) : s
    }
}

/// Rows of a fixture with no missing value in the named columns (R's na.omit on model variables).
struct Frame {
    let columns: [String: [String]]
    let rows: [Int]

    init(_ file: String, complete names: [String]) {
        let cols = Reference.table(file)
        columns = cols
        let n = cols.values.first?.count ?? 0
        rows = (0..<n).filter { i in names.allSatisfy { !(cols[$0]![i].isEmpty || cols[$0]![i] == "NA") } }
    }

    func num(_ name: String) -> [Double] { rows.map { Double(columns[name]![$0])! } }
    func text(_ name: String) -> [String] { rows.map { columns[name]![$0] } }
}

/// |a − b| ≤ tol·max(1, |b|) (relative for large values, absolute near zero); nil matches nil.
func close(_ a: Double?, _ b: Double?, _ tol: Double = 1e-6) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?):
        if x.isNaN && y.isNaN { return true }
        if x.isInfinite || y.isInfinite { return x == y }
        return abs(x - y) <= tol * max(1, abs(y))
    default: return false
    }
}

func expectClose(_ a: [Double?], _ b: [Double?], _ tol: Double = 1e-6, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, "\(what): \(a.count) values, R has \(b.count)", sourceLocation: sourceLocation)
    for (k, (x, y)) in zip(a, b).enumerated() where !close(x, y, tol) {
        Issue.record("\(what)[\(k)]: got \(String(describing: x)), R \(String(describing: y))", sourceLocation: sourceLocation)
        return
    }
}
