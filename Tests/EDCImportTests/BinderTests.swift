import Foundation
import Testing
import StudyModel
import TrialCore
@testable import EDCImport

@Suite struct BinderTests {
    static let small = TestPaths.fixtures + "/crlm-small"

    func mapping() throws -> StudyMapping { try StudyMapping.load(directory: TestPaths.crlmMapping) }

    /// A copy of the small CSV export with `edits` applied (file name → full new text).
    func dirtyCopy(_ edits: [String: (String) -> String]) throws -> String {
        let dir = TestPaths.tempDir()
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.small + "/csv") {
            var text = try String(contentsOfFile: Self.small + "/csv/" + name, encoding: .utf8)
            if let edit = edits[name] { text = edit(text) }
            TestPaths.write(text, to: dir, name)
        }
        return dir
    }

    @Test func csvAndODMExportsBindToEqualStudies() throws {
        let m = try mapping()
        let csv = try Binder.bind(csvDirectory: Self.small + "/csv", mapping: m)
        let odm = try Binder.bind(odmFile: Self.small + "/crlm.xml", mapping: m)
        #expect(csv.report.rejections == [])
        #expect(odm.report.rejections == [])
        #expect(odm.report.warnings == [])
        #expect(csv.study == odm.study)
        let expected: [EntityKind: Int] = [.subjects: 2, .baseline: 2, .procedures: 3, .systemicTherapies: 2, .lesions: 5,
                                           .responses: 2, .adverseEvents: 3, .questionnaires: 3, .dispositions: 2, .visits: 5]
        for r in [csv.report, odm.report] {
            for e in EntityKind.allCases {
                #expect(r.count(e) == BindReport.Count(read: expected[e]!, bound: expected[e]!, rejected: 0), "\(r.source) \(e)")
            }
            #expect(r.total == BindReport.Count(read: 29, bound: 29, rejected: 0))
        }
        // Values checked by hand against csv/*.csv.
        let s = csv.study
        #expect(s.studyID == "CRLM-LOCAL")
        #expect(s.subjects.map(\.subjectID) == ["001-001", "001-002"])
        #expect(s.subjects[0].birthDate == PartialDateTime(year: 1956, month: 7))
        #expect(s.subjects[1].birthDate == PartialDateTime(year: 1949))
        #expect(s.subjects[0].inclusionDate == PartialDateTime(year: 2021, month: 3, day: 15))
        #expect(s.subjects[1].sex == .female && s.subjects[1].race == .asian && s.subjects[1].group == .groupII)
        #expect(s.subjects[1].baseline.extrahepaticSites == [.lung, .peritoneum, .distantLymphNodes])
        #expect(s.subjects[0].baseline.ceaNgPerML == 12.4 && s.subjects[0].baseline.primaryResected == true)
        #expect(s.procedures[1].margin == .notApplicable)  // blank → whenBlank
        #expect(s.systemicTherapies[1].targetedAgent == TargetedAgent.none && s.systemicTherapies[1].endDate == nil)
        #expect(s.lesions.last?.visit == .unscheduled(afterMonth: 3, index: 1))
        #expect(s.lesions.last?.diameterMM == nil)
        #expect(s.adverseEvents[0].verbatimTerm == "Abdominal pian, RUQ")
        #expect(s.adverseEvents[0].grade == 2)  // ODM: corrected by the Upsert
        #expect(s.adverseEvents[1].seriousnessCriteria == [.hospitalization])
        #expect(s.adverseEvents[1].startDate == PartialDateTime(year: 2021, month: 4))
        #expect(s.adverseEvents[1].actionTaken == .notApplicable)
        #expect(s.questionnaires[1].done == false && s.questionnaires[1].items == Array(repeating: nil, count: 30))
        #expect(s.questionnaires[2].items[27] == nil && s.questionnaires[2].items[28] == 4)
        #expect(s.dispositions[1].deathCause == .diseaseProgression)
        #expect(s.visits[3].done == false && s.visits[3].reasonNotDone == "HOSPITALIZED")
        // Provenance points at the source.
        #expect(csv.study.adverseEvents[0].provenance.location == .text(file: "ae.csv", line: 2, column: nil))
        #expect(odm.study.adverseEvents[0].provenance.location == .odm(file: "crlm.xml",
            path: "SubjectData[001-001]/StudyEventData[SE.COMMON]/FormData[F.AE]/ItemGroupData[IG.AE,1]"))
    }

    @Test func dirtyCSVRowsAreRejectedWithLocationAndReason() throws {
        let dir = try dirtyCopy([
            "dm.csv": { $0 + "02,002-001,1950,7,3,2,CHN,01-JAN-2021,05-JAN-2021,1,0\n" },
            "ae.csv": { $0 + "001-099,1,Fatigue,1,N,,,,,,,2,1,01-MAY-2021,,1,1\n001-001,3,Fever,1,N,,,,,,,2,1,30-FEB-2021,,1,1\n" },
            "qlq.csv": { t in t + t.split(separator: "\n")[1] + "\n" },
            "ds.csv": { $0.replacingOccurrences(of: "001-001,ONG,,,,14-JUN-2021,", with: "001-001,DEATH,01-MAR-2021,01-MAR-2021,PD,01-MAR-2021,") },
            "proc.csv": { $0.replacingOccurrences(of: "001-001,2,RFA,", with: "001-001,2,\"RFA,") },
            "tumor.csv": { $0.replacingOccurrences(of: "001-001,MONTH 3,14-JUN-2021,MRI,T02,LUNG,,T,8.5", with: "001-001,MONTH 3,14-JUN-2021,MRI,T02,LUNG,,T") },
            "visit.csv": { $0.replacingOccurrences(of: "001-001,MONTH 3,14-JUN-2021", with: "001-001,WEEK 2,14-JUN-2021") },
            "sys.csv": { $0.replacingOccurrences(of: ",8\n", with: ",eight\n") },
        ])
        let r = try Binder.bind(csvDirectory: dir, mapping: try mapping())
        #expect(r.report.rejections.map(\.description) == [
            "dm.csv:4: rejected subjects record: malformed date for birthDate (BRTHDTC) (value '1950'; expected DD-MON-YYYY, e.g. 15-MAR-2021)",
            "dm.csv:4: rejected subjects record: unknown code for sex (SEX) (value '7'; expected one of 1, 2, 9)",
            "proc.csv:3:11: rejected procedures record: unreadable CSV row: unbalanced quote: the quoted field opened here is never closed (expected a closing '\"' before the end of the file)",
            "sys.csv:2: rejected systemicTherapies record: not a whole number for cycles (SYCYCLES) (value 'eight'; expected an integer, e.g. 3)",
            "tumor.csv:4: rejected lesions record: ragged row: 8 fields where the header has 9 (expected 9 fields)",
            "ae.csv:6: rejected adverseEvents record: impossible date for startDate (AESTDTC) (value '30-FEB-2021'; expected a calendar date (day 01–28))",
            "visit.csv:3: rejected visits record: unknown visit for visit (VISIT) (value 'WEEK 2'; expected BASELINE, MONTH 3 … MONTH 24, or UNSCHEDULED m.k)",
            "qlq.csv:5: rejected questionnaires record: duplicate key subjectID=001-001, visit=BASELINE (first record at qlq.csv:2)",
            "ae.csv:5: rejected adverseEvents record: subject 001-099 has no bound record in dm.csv (value '001-099'; expected a subject of dm.csv)",
            "ds.csv:2: rejected dispositions record: death date is before the inclusion date 2021-03-15 (value '2021-03-01'; expected a date on or after 2021-03-15)",
        ])
        #expect(r.report.warnings.map(\.description) == ["proc.csv:4: note: reading resumes here after an unreadable row"])
        #expect(r.report.count(.procedures) == BindReport.Count(read: 3, bound: 2, rejected: 1))
        #expect(r.report.count(.subjects) == BindReport.Count(read: 3, bound: 2, rejected: 1))
        #expect(r.report.count(.adverseEvents) == BindReport.Count(read: 5, bound: 3, rejected: 2))
        #expect(r.report.total == BindReport.Count(read: 33, bound: 24, rejected: 9))
        for (e, c) in r.report.counts { #expect(c.read == c.bound + c.rejected, "\(e)") }
    }
}
