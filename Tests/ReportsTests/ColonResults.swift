import Foundation
import TrialCore
import Analysis

/// Results of the Analysis tests' colon fixture (Tests/AnalysisTests/Fixtures), computed once.
enum ColonResults {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("AnalysisTests/Fixtures")

    static func dataset(_ file: String, name: String) throws -> Dataset {
        let text = try String(contentsOf: fixtures.appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        func fields(_ l: String) -> [String] {
            l.split(separator: ",", omittingEmptySubsequences: false).map {
                let s = String($0); return s.hasPrefix("\"") && s.hasSuffix("\"") && s.count >= 2 ? String(s.dropFirst().dropLast()) : s
            }
        }
        let header = fields(lines.removeFirst())
        var cells = [[String]](repeating: [], count: header.count)
        for l in lines { for (k, f) in fields(l).enumerated() { cells[k].append(f) } }
        var ds = Dataset(name: name)
        for (k, h) in header.enumerated() {
            let numeric = cells[k].allSatisfy { $0.isEmpty || Double($0) != nil } && cells[k].contains { !$0.isEmpty }
            ds.columns.append(numeric ? Column.numeric(h, cells[k].map { Double($0) }) : Column.character(h, cells[k]))
        }
        return ds
    }

    static func compute() throws -> Results {
        let plan = try AnalysisPlan.load(path: fixtures.appendingPathComponent("colon_plan.yaml").path)
        var r = try TrialAnalysis.run(plan: plan, adsl: try dataset("adsl.csv", name: "ADSL"),
                                      adtte: try dataset("adtte.csv", name: "ADTTE"))
        r.run = RunSummary(source: "csv", reconciliation: [.init(source: "adsl.csv", recordsIn: 619, mapped: 619, rejected: 0)],
                           validation: [.init(dataset: "ADSL", records: 619, errors: 0, warnings: 2, notes: 0)],
                           topFindings: ["ADSL W001: 2 findings"])
        return r
    }
}
