import Foundation
import Testing
import TrialCore
@testable import Validation

/// The whole rule set on a small study, and the four report formats.
@Suite struct ReportTests {
    /// DM with 2 subjects; AE with one bad date, one unknown subject and an unknown variable;
    /// a dataset without spec.
    static func report() -> ValidationReport {
        let dm = Fixture.dm(["S1|2021-01-10|", "S2|2021-03-01|"])
        var ae = Fixture.ae(["S1|1|HEADACHE|MILD|2021-01-05", "S9|1|NAUSEA|MILD|2021-02-30"])
        ae.setColumn(.character("AEXTRA", ["a, \"quoted\"", ""]))
        let other = Fixture.table("ZZ", "USUBJID|ZZVAL", ["S1|<b>"])
        return Validator().validate(datasets: [ae, dm, other], specs: Fixture.specs())
    }

    @Test func wholeRuleSetRunsAndListsWhatDidNotRun() {
        let r = Self.report()
        #expect(r.rules.count == RuleSet.standard.rules.count)
        #expect(Set(r.rules.map(\.id)).count == r.rules.count)  // ids are unique
        #expect(r.datasets.map(\.name) == ["AE", "DM", "ZZ"])
        #expect(r.datasets.map(\.spec) == ["AE", nil, nil])
        let ids = r.findings.map(\.ruleID)
        #expect(ids == ["TD0101", "TD0101", "TD0105", "TD0301", "TD0403"])
        #expect(r.hasErrors)
        #expect(r.countsBySeverity == [.error: 2, .warning: 1, .notice: 2])
        let notRun = r.rules.filter { $0.status == .notExecuted }
        #expect(notRun.contains { $0.id == "TD0801" && $0.reason == "no input dataset is in the rule's scope (ADSL)" })
        #expect(notRun.contains { $0.id == "TD0306" && $0.reason == "DM has no DTHDTC" } == false)  // DM has a DTHDTC column
    }

    @Test func textReport() {
        let text = ReportFormat.text.render(Self.report())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("Findings: 2 errors, 1 warnings, 2 notices"))
        #expect(lines.contains("ERROR TD0301 --DTC is not a valid ISO 8601 date — 1 error  [SD0003]"))
        #expect(lines.contains("  - AE row 2 (USUBJID S9, SEQ 1), AESTDTC: AESTDTC '2021-02-30' is not a valid ISO 8601 date: day out of range for the month (expected a calendar date (day 01–28))"))
        #expect(lines.contains("ERROR TD0403 Subject not in DM — 1 error  [SD0064]"))
        // Errors come before warnings and notices.
        let e = lines.firstIndex { $0.hasPrefix("ERROR TD0301") } ?? 99, w = lines.firstIndex { $0.hasPrefix("WARNING TD0105") } ?? -1
        #expect(e < w)
        #expect(text == ReportFormat.text.render(Self.report()))  // deterministic
    }

    @Test func csvReportQuotesFields() {
        let csv = ReportFormat.csv.render(Self.report())
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "rule,severity,equivalents,dataset,row,usubjid,seq,variable,value,message,expected")
        #expect(lines.count == 5 + 2)  // header, 5 findings, final empty
        #expect(lines.contains("TD0403,error,SD0064,AE,2,S9,1,USUBJID,S9,USUBJID S9 has 1 record(s) in AE but no record in DM,a USUBJID of DM"))
        #expect(lines.contains("TD0105,warning,SD0058,AE,,,,AEXTRA,,AEXTRA is not a variable of the spec AE (a non-standard SDTM variable belongs in SUPPAE),one of the 5 variables of AE"))
        #expect(CSVReport.quote("a, \"b\"") == "\"a, \"\"b\"\"\"")
        #expect(CSVReport.quote(" x") == "\" x\"")
    }

    @Test func jsonReportHoldsEverything() throws {
        let json = ReportFormat.json.render(Self.report())
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let summary = try #require(obj["summary"] as? [String: Int])
        #expect(summary["errors"] == 2 && summary["warnings"] == 1 && summary["notices"] == 2)
        #expect(summary["rules"] == RuleSet.standard.rules.count)
        #expect((obj["findings"] as? [Any])?.count == 5)
        #expect(!json.contains("\"seconds\""))  // no timings unless asked
        #expect(ReportFormat.json.render(Self.report(), options: ReportOptions(includeTimings: true)).contains("\"seconds\""))
    }

    @Test func htmlReportIsSelfContainedAndEscaped() {
        let html = ReportFormat.html.render(Self.report())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link") && !html.contains("src="))
        #expect(html.contains("<td class=\"mono\">TD0301</td>"))
        #expect(html.contains("id=\"findings\""))
        // A value that could close the data script is escaped in the embedded JSON.
        var r = Self.report()
        r.findings[0].value = "</script><b>"
        let h2 = ReportFormat.html.render(r)
        #expect(!h2.contains("</script><b>"))
        #expect(h2.contains("\\u003c/script>\\u003cb>"))
    }

    @Test func htmlCapsEmbeddedFindingsPerRule() {
        let html = ReportFormat.html.render(Self.report(), options: ReportOptions(htmlFindingsPerRule: 0))
        #expect(html.contains("\"findings\":[]"))
        #expect(html.contains("\"count\":1,\"shown\":0"))
    }

    @Test func configurationLoadsFromYAML() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("td-val-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("v.yaml").path
        try "questionnaireRanges:\n  qlq01: [1, 4]\n".write(toFile: good, atomically: true, encoding: .utf8)
        let c = try ValidationConfiguration.load(file: good)
        #expect(c.questionnaireRanges == ["QLQ01": 1...4])
        #expect(c.deathIsNotAfterForDomains == ["DS"])
        #expect(try ValidationConfiguration.load(specsFolder: dir.path) == ValidationConfiguration())  // no validation.yaml
        try "questionnaireRanges:\n  EOR0129: [1, 7]\n".write(toFile: dir.appendingPathComponent("validation.yaml").path, atomically: true, encoding: .utf8)
        #expect(try ValidationConfiguration.load(specsFolder: dir.path).questionnaireRanges == ["EOR0129": 1...7])
        let bad = dir.appendingPathComponent("bad.yaml").path
        try "questionnaireRanges:\n  QLQ01: [4, 1]\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try ValidationConfiguration.load(file: bad) }
        do { _ = try ValidationConfiguration.load(file: bad) } catch {
            #expect(error.diagnostics[0].location == .file(bad))
            #expect(error.diagnostics[0].message.contains("range of QLQ01 must be [low, high] with low ≤ high"))
        }
    }
}

/// docs/VALIDATION-RULES.md documents every rule id of the standard rule set.
@Suite struct RuleDocumentationTests {
    @Test func everyRuleIsDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/VALIDATION-RULES.md"), encoding: .utf8)
        for rule in RuleSet.standard.rules {
            #expect(doc.contains("| \(rule.id) | \(rule.severity.rawValue) |"), "\(rule.id) is not documented")
            #expect(doc.contains("**\(rule.title)**"), "\(rule.id)'s title differs from the doc")
        }
    }
}
