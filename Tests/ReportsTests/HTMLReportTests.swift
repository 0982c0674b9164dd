import Foundation
import Testing
import Analysis
@testable import Reports

@Suite("HTML report")
struct HTMLReportTests {
    @Test func writesBundleForViewing() throws {
        let r = try ColonResults.compute()
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("colon-report-\(getpid())")
        let files = try ReportWriter.write(r, to: dir)
        #expect(files.contains("report.html"))
        print("REPORT", dir.path)
    }
}
