import Foundation
import Testing

/// `trialdata balance` on the colon fixture of the Analysis tests against R's numbers
/// (Tests/AnalysisTests/Fixtures/make_propensity_reference.R).
@Suite("trialdata balance")
struct BalanceCommandTests {
    static let fixtures = EndToEndTests.root.appendingPathComponent("Tests/AnalysisTests/Fixtures")

    @Test(.enabled(if: EndToEndTests.executable != nil, "trialdata executable not built"))
    func weightsEqualRAndErrorsAreTyped() throws {
        let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("td-w-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        let input = Self.fixtures.appendingPathComponent("adsl.csv").path
        let (code, stdout, err) = try EndToEndTests.cli(["balance", "--input", input, "--group", "TRT01P", "--reference", "Obs",
                                                         "--covariates", "AGE,SEX,DIFFER,EXTENT,NODES,OBSTRUCT", "--factor", "EXTENT",
                                                         "--stabilize", "--out", out.path])
        #expect(code == 0, "\(err)")
        #expect(stdout.contains("SMD before") && stdout.contains("Effective sample size"))
        let lines = try String(contentsOf: out, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        let used = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false) }.filter { $0.last == "Y" }
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixtures.appendingPathComponent("propensity_expected.json"))) as! [String: Any]
        let w = (expected["weightsStabilizedATE"] as! [NSNumber]).map(\.doubleValue)
        #expect(used.count == w.count)
        for (row, x) in zip(used, w) { #expect(abs(Double(row[3])! - x) <= 1e-6 * max(1, x)) }

        let (c2, _, e2) = try EndToEndTests.cli(["balance", "--input", input, "--covariates", "AGE,WEIGHT_KG", "--out", out.path])
        #expect(c2 == 65 && e2.contains("WEIGHT_KG"))
        let (c3, _, e3) = try EndToEndTests.cli(["balance", "--input", input, "--covariates", "AGE", "--estimand", "atc", "--out", out.path])
        #expect(c3 == 64 && e3.contains("atc"))
        let (c4, _, e4) = try EndToEndTests.cli(["balance", "--input", input, "--covariates", "AGE", "--estimand", "att", "--stabilize", "--out", out.path])
        #expect(c4 == 65 && e4.contains("stabilize"))
    }
}
