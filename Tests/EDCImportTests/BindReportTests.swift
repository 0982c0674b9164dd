import Foundation
import Testing
import StudyModel
import TrialCore
@testable import EDCImport

@Suite struct BindReportTests {
    @Test func studyDirectoryResolvesPathsAndJSONHasFixedKeys() throws {
        let dir = TestPaths.tempDir()
        let csv = dir + "/export/csv"
        try FileManager.default.createDirectory(atPath: csv, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: BinderTests.small + "/csv") {
            var text = try String(contentsOfFile: BinderTests.small + "/csv/" + name, encoding: .utf8)
            if name == "ae.csv" { text += "001-099,1,\"Fatigue \"\"mild\"\"\",1,N,,,,,,,2,1,01-MAY-2021,,1,1\n" }
            TestPaths.write(text, to: csv, name)
        }
        TestPaths.write("study: CRLM-LOCAL\nmapping: \(TestPaths.crlmMapping)\nexport:\n  csv: export/csv\n  odm: export/odm/crlm.xml\nspecs: ../specs\n", to: dir, "study.yaml")
        let sd = try StudyDirectory.load(directory: dir)
        #expect(sd.export.csv == (dir as NSString).standardizingPath + "/export/csv")
        #expect(sd.specs == ((dir as NSString).deletingLastPathComponent as NSString).standardizingPath + "/specs")
        let r = try Binder.bind(csvDirectory: sd.export.csv!, mapping: StudyMapping.load(directory: sd.mapping))
        #expect(r.report.json() == #"""
        {
          "study": "CRLM-LOCAL",
          "source": "csv",
          "entities": {
            "subjects": {"read": 2, "bound": 2, "rejected": 0},
            "baseline": {"read": 2, "bound": 2, "rejected": 0},
            "procedures": {"read": 3, "bound": 3, "rejected": 0},
            "systemicTherapies": {"read": 2, "bound": 2, "rejected": 0},
            "lesions": {"read": 5, "bound": 5, "rejected": 0},
            "responses": {"read": 2, "bound": 2, "rejected": 0},
            "adverseEvents": {"read": 4, "bound": 3, "rejected": 1},
            "questionnaires": {"read": 3, "bound": 3, "rejected": 0},
            "dispositions": {"read": 2, "bound": 2, "rejected": 0},
            "visits": {"read": 5, "bound": 5, "rejected": 0}
          },
          "total": {"read": 30, "bound": 29, "rejected": 1},
          "rejections": [
            {"entity": "adverseEvents", "location": "ae.csv:5", "reason": "subject 001-099 has no bound record in dm.csv", "value": "001-099", "expected": "a subject of dm.csv"}
          ],
          "warnings": []
        }
        """#)
    }

    @Test func missingStudyYAMLIsReported() {
        #expect(throws: InputError(at: .file("/nonexistent-study/study.yaml"), "no study.yaml in the study folder",
                                   value: "/nonexistent-study", expected: "a folder with study.yaml (study, mapping, export: {csv, odm})")) {
            try StudyDirectory.load(directory: "/nonexistent-study")
        }
    }
}
