import Testing
import StudyModel
import TrialCore
@testable import SDTM

/// Bad records become rejections naming source, value and expectation; bad specs throw.
@Suite struct ErrorPathTests {
    static let specs = Result<SpecLibrary, InputError> { () throws(InputError) -> SpecLibrary in
        try SpecLibrary.load(from: SpecTests.specsRoot)
    }
    typealias G = GoldenStudy

    static func subject(_ id: String, country: String = "FRA", line: Int = 2) -> Subject {
        Subject(subjectID: id, siteID: "01", birthDate: G.d(1950, 1, 1), sex: .male, race: .white, ethnicity: .unknown,
                country: country, consentDate: G.d(2021, 1, 1), inclusionDate: G.d(2021, 1, 5), group: .groupI, ecog: 0,
                baseline: G.baseline(.rectum, [.lung]), provenance: G.at("dm.csv", line))
    }

    func map(_ study: StudyData) throws -> SDTMResult {
        try SDTMMapper(specs: Self.specs.get(), dictionary: G.dictionary).map(study)
    }

    @Test func missingSpecThrowsNamingTheDomain() throws {
        var lib = try Self.specs.get()
        lib.datasets["QS"] = nil
        #expect(throws: InputError.self) { try SDTMMapper(specs: lib, dictionary: G.dictionary).map(StudyData(studyID: "X")) }
        do {
            _ = try SDTMMapper(specs: lib, dictionary: G.dictionary).map(StudyData(studyID: "X"))
        } catch {
            #expect(error.diagnostics[0].message == "no spec for SDTM domain QS")
        }
    }

    @Test func specWithoutAMappedVariableThrows() throws {
        var lib = try Self.specs.get()
        var ae = try #require(lib.dataset("AE"))
        ae.variables.removeAll { $0.name == "AETOXGR" }
        lib.datasets["AE"] = ae
        do {
            _ = try SDTMMapper(specs: lib, dictionary: G.dictionary).map(StudyData(studyID: "X"))
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics[0].value == "AETOXGR")
        }
    }

    @Test func tooLongCountryRejectsTheSubjectAndAllItsRecords() throws {
        let s = Self.subject("001", country: "FRANCE")
        let ae = AdverseEvent(subjectID: "001", number: 1, verbatimTerm: "nausea", grade: 1, serious: false,
                              relationToLocalTreatment: .notRelated, relationToSystemicTherapy: .notRelated,
                              startDate: G.d(2021, 2, 1), endDate: nil, outcome: .unknown, provenance: G.at("ae.csv", 2))
        let r = try map(StudyData(studyID: "S", subjects: [s], adverseEvents: [ae]))
        #expect(r.dataset("DM")?.rowCount == 0)
        #expect(r.dataset("AE")?.rowCount == 0)
        #expect(r.rejections.count == 2)
        #expect(r.rejections[0].diagnostic.message == "DM.COUNTRY longer than the spec's length 3")
        #expect(r.rejections[0].diagnostic.value == "FRANCE")
        #expect(r.rejections[0].diagnostic.location == .text(file: "dm.csv", line: 2, column: nil))
        #expect(r.rejections[1].diagnostic.location == .text(file: "ae.csv", line: 2, column: nil))
        #expect(r.rejections[1].diagnostic.message.hasPrefix("the subject's DM record was rejected"))
    }

    @Test func duplicateSubjectAndDispositionAreRejected() throws {
        let d1 = Disposition(subjectID: "001", status: .completed, date: G.d(2023, 1, 5), deathDate: nil, deathCause: nil,
                             lastKnownAliveDate: nil, withdrawalReason: nil, provenance: G.at("ds.csv", 2))
        var d2 = d1
        d2.provenance = G.at("ds.csv", 3)
        let r = try map(StudyData(studyID: "S", subjects: [Self.subject("001"), Self.subject("001", line: 3)],
                                  dispositions: [d1, d2]))
        #expect(r.dataset("DM")?.rowCount == 1)
        #expect(r.rejections.map(\.diagnostic.location) == [.text(file: "dm.csv", line: 3, column: nil),
                                                          .text(file: "ds.csv", line: 3, column: nil)])
        // Completion on 2023-01-05: day 2 years after 2021-01-05 = 730 days later → day 731.
        #expect(r.dataset("DS")?.text("DSSTDY", row: 2) == "731")
        #expect(r.dataset("DS")?.text("DSDECOD", row: 2) == "COMPLETED")
    }

    @Test func inconsistentRecordsAreRejectedWithReasons() throws {
        let s = Self.subject("001")
        let ae = AdverseEvent(subjectID: "001", number: 1, verbatimTerm: "nausea", grade: 6, serious: false,
                              relationToLocalTreatment: .notRelated, relationToSystemicTherapy: .notRelated,
                              startDate: G.d(2021, 2, 1), endDate: nil, outcome: .unknown, provenance: G.at("ae.csv", 2))
        let ae2 = AdverseEvent(subjectID: "001", number: 2, verbatimTerm: "nausea", grade: 1, serious: false,
                               relationToLocalTreatment: .notRelated, relationToSystemicTherapy: .notRelated,
                               startDate: G.d(2021, 2, 10), endDate: G.d(2021, 2, 1), outcome: .unknown, provenance: G.at("ae.csv", 3))
        let wd = Disposition(subjectID: "001", status: .withdrawn, date: G.d(2021, 3, 1), deathDate: nil, deathCause: nil,
                             lastKnownAliveDate: nil, withdrawalReason: nil, provenance: G.at("ds.csv", 2))
        let lesion = LesionMeasurement(subjectID: "001", visit: .scheduled(month: 0), date: G.d(2021, 1, 4), method: .ct,
                                       lesionID: "T01", organ: .liver, liverSegment: 9, category: .target, diameterMM: 10,
                                       provenance: G.at("tr.csv", 2))
        let q = QLQC30Response(subjectID: "001", visit: .scheduled(month: 0), date: nil, done: true, items: [1, 2],
                               provenance: G.at("qs.csv", 2))
        let r = try map(StudyData(studyID: "S", subjects: [s], lesions: [lesion], adverseEvents: [ae, ae2],
                                  questionnaires: [q], dispositions: [wd]))
        let msgs = r.rejections.map { "\($0.domain): \($0.diagnostic.message) [\($0.diagnostic.value ?? "")]" }
        #expect(msgs == [
            "DS: withdrawal without a reason []",
            "AE: CTCAE grade out of range [6]",
            "AE: AE ends before it starts [2021-02-10 / 2021-02-01]",
            "TU: liver segment out of range [9]",
            "QS: questionnaire with the wrong number of items [2]",
        ])
        #expect(r.dataset("TU")?.rowCount == 0 && r.dataset("TR")?.rowCount == 0)
        #expect(r.mappingLog.contains("adverseEvents      in 2  mapped 0  rejected 2"))
    }

    @Test func ageOnlyWhenDetermined() {
        #expect(DMMapper.age(birth: G.d(1956, 7, 20), at: G.d(2021, 7, 19)) == 64)
        #expect(DMMapper.age(birth: G.d(1956, 7, 20), at: G.d(2021, 7, 20)) == 65)
        #expect(DMMapper.age(birth: G.d(1956, 7), at: G.d(2021, 7, 20)) == nil)   // 64 or 65
        #expect(DMMapper.age(birth: G.d(1956, 6), at: G.d(2021, 7, 1)) == 65)
        #expect(DMMapper.age(birth: G.d(1956), at: G.d(2021, 12, 31)) == 65)      // any day of 1956 is ≤ 31 Dec
        #expect(DMMapper.age(birth: G.d(1956), at: G.d(2021, 6, 1)) == nil)
        #expect(DMMapper.age(birth: G.d(1956, 7, 20), at: G.d(2021, 7)) == nil)   // inclusion partial
    }

    @Test func epochAndStudyDayFromPartialDates() {
        let ctx = SubjectContext(subject: Self.subject("001"), studyID: "S")   // day 1 = 2021-01-05
        #expect(ctx.epoch(G.d(2020, 12)) == "SCREENING")
        #expect(ctx.epoch(G.d(2021, 1)) == "")          // January straddles day 1
        #expect(ctx.epoch(G.d(2021, 2)) == "TREATMENT")
        #expect(ctx.epoch(G.d(2021, 1, 4)) == "SCREENING")
        #expect(ctx.epoch(G.d(2021, 1, 5)) == "TREATMENT")
        #expect(ctx.studyDay(G.d(2021, 1, 4)) == .number(-1))
        #expect(ctx.studyDay(G.d(2021, 1, 5)) == .number(1))
        #expect(ctx.studyDay(G.d(2021, 1)) == .dot)
    }

    @Test func causalityCombination() {
        #expect(AEMapper.causality(local: .notApplicable, systemic: .related) == .related)
        #expect(AEMapper.causality(local: .notRelated, systemic: .unknown) == .notRelated)
        #expect(AEMapper.causality(local: .notApplicable, systemic: .notApplicable) == .notApplicable)
        #expect(AEMapper.causality(local: .notApplicable, systemic: .unknown) == .unknown)
    }

    @Test func notDoneFormSortsAfterItemsOfTheSameVisit() throws {
        let nd = QLQC30Response(subjectID: "001", visit: .scheduled(month: 3), date: nil, done: false, reasonNotDone: "X",
                                items: Array(repeating: nil, count: 30), provenance: G.at("qs.csv", 2))
        let done = QLQC30Response(subjectID: "001", visit: .scheduled(month: 3), date: G.d(2021, 4, 1), done: true,
                                  items: Array(repeating: 1, count: 30), provenance: G.at("qs.csv", 3))
        let r = try map(StudyData(studyID: "S", subjects: [Self.subject("001")], questionnaires: [nd, done]))
        let qs = try #require(r.dataset("QS"))
        #expect(qs.rowCount == 31)
        #expect(qs.text("QSTESTCD", row: 0) == "EOR0101")
        #expect(qs.text("QSTESTCD", row: 30) == "QSALL")
        #expect(qs.text("QSSEQ", row: 30) == "31")
    }
}
