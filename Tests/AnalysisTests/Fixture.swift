import Foundation

/// Reads committed fixtures next to this file (no bundle resources needed).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The parsed JSON object of `name`.
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// A simple CSV (header row, fields optionally double-quoted, no embedded commas or quotes)
    /// as columns of text; empty fields become nil.
    static func csv(_ name: String) throws -> [String: [String?]] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map { unquote(String($0)) }
        var cols: [String: [String?]] = [:]
        for h in header { cols[h] = [] }
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { unquote(String($0)) }
            for (k, h) in header.enumerated() { cols[h]!.append(f[k].isEmpty ? nil : f[k]) }
        }
        return cols
    }

    private static func unquote(_ s: String) -> String {
        s.hasPrefix("\"") && s.hasSuffix("\"") && s.count >= 2 ? String(s.dropFirst().dropLast()) : s
    }
}

/// |a − b| ≤ tol·max(1, |b|).
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-6) -> Bool {
    abs(a - b) <= tol * max(1, abs(b))
}

import TrialCore

extension Fixture {
    /// A CSV fixture as a `Dataset`: columns whose non-empty values all parse as numbers are numeric.
    static func dataset(_ file: String, name: String) throws -> Dataset {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map { unquoted(String($0)) }
        var cells = [[String]](repeating: [], count: header.count)
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { unquoted(String($0)) }
            for k in header.indices { cells[k].append(f[k]) }
        }
        var ds = Dataset(name: name)
        for (k, h) in header.enumerated() {
            let numeric = cells[k].allSatisfy { $0.isEmpty || Double($0) != nil } && cells[k].contains { !$0.isEmpty }
            ds.columns.append(numeric ? Column.numeric(h, cells[k].map { Double($0) }) : Column.character(h, cells[k]))
        }
        return ds
    }

    private static func unquoted(_ s: String) -> String {
        s.hasPrefix("\"") && s.hasSuffix("\"") && s.count >= 2 ? String(s.dropFirst().dropLast()) : s
    }
}
