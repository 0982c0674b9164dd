import Foundation
import Testing
@testable import Analysis

/// The committed plan of the CRLM study parses and names the analyses STUDY.md asks for.
@Suite("mappings/crlm/analysis.yaml")
struct StudyPlanTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("mappings/crlm/analysis.yaml").path

    @Test func planCoversTheStudyEndpoints() throws {
        let plan = try AnalysisPlan.load(path: Self.path)
        #expect(plan.endpoints.map(\.paramcd) == ["OS", "LPFS"])
        #expect(plan.timePoints == [365, 730])
        #expect(plan.group.variable == "TRT01P" && plan.group.reference == "GROUP II")
        #expect(plan.riskFactors?.threshold == 0.10)
        #expect(plan.iptw?.estimand == .ate && plan.iptw?.stabilize == true)
        #expect(plan.adae != nil && plan.adqs != nil)
        #expect(plan.atRiskTimes.count == 9)
    }
}
