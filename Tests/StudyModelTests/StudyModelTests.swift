import Testing
import TrialCore
@testable import StudyModel

@Suite struct VisitTests {
    @Test func namesAndNumbers() {
        #expect(Visit.scheduled(month: 0).name == "BASELINE")
        #expect(Visit.scheduled(month: 9).name == "MONTH 9")
        #expect(Visit.scheduled(month: 9).number == 9)
        #expect(Visit.unscheduled(afterMonth: 3, index: 1).name == "UNSCHEDULED 3.1")
        #expect(Visit.unscheduled(afterMonth: 3, index: 1).number == 3.1)
        // Month 3 is nominally 3 × 30.4375 = 91.3 → 91 days after inclusion, i.e. study day 92.
        #expect(Visit.scheduled(month: 3).nominalDay == 92)
        // Month 24: 24 × 30.4375 = 730.5, rounded half away from zero → 731 days after inclusion → day 732.
        #expect(Visit.scheduled(month: 24).nominalDay == 732)
    }

    @Test func parsing() {
        #expect(Visit(name: "baseline") == .scheduled(month: 0))
        #expect(Visit(name: "MONTH 12") == .scheduled(month: 12))
        #expect(Visit(name: "M21") == .scheduled(month: 21))
        #expect(Visit(name: "UNSCHEDULED 6.2") == .unscheduled(afterMonth: 6, index: 2))
        #expect(Visit(name: "MONTH 4") == nil)   // not on the 3-monthly schedule
        #expect(Visit(name: "WEEK 2") == nil)
    }

    @Test func ordering() {
        let visits: [Visit] = [.scheduled(month: 6), .unscheduled(afterMonth: 3, index: 1), .scheduled(month: 3)]
        #expect(visits.sorted() == [.scheduled(month: 3), .unscheduled(afterMonth: 3, index: 1), .scheduled(month: 6)])
    }
}

@Suite struct ProvenanceTests {
    @Test func provenanceDoesNotTakePartInEquality() {
        let a = VisitRecord(subjectID: "001", visit: .scheduled(month: 3), date: nil, done: false,
                            provenance: Provenance(.text(file: "visit.csv", line: 4, column: nil)))
        var b = a
        b.provenance = Provenance(.odm(file: "crlm.xml", path: "SubjectData[001]/StudyEventData[M3]"))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        b.done = true
        #expect(a != b)
    }
}

@Suite struct CodingDictionaryTests {
    let dictionary = AECodingDictionary(version: "test 1", entries: [
        .init(preferredTerm: "Nausea", bodySystem: "Gastrointestinal disorders", verbatims: ["NAUSEOUS", "nausia"]),
        .init(preferredTerm: "Abdominal pain", bodySystem: "Gastrointestinal disorders", verbatims: ["ABDO PAIN"]),
    ])

    @Test func codesVerbatimsTyposAndPreferredTerms() {
        #expect(dictionary.code("Nausia")?.preferredTerm == "Nausea")
        #expect(dictionary.code("  abdo   pain ")?.preferredTerm == "Abdominal pain")
        #expect(dictionary.code("NAUSEA")?.bodySystem == "Gastrointestinal disorders")
        #expect(dictionary.code("Headache") == nil)
    }

    @Test func qlqItemRanges() {
        #expect(QLQC30Response.range(ofItem: 1) == 1...4)
        #expect(QLQC30Response.range(ofItem: 28) == 1...4)
        #expect(QLQC30Response.range(ofItem: 29) == 1...7)
    }

    @Test func sidedness() {
        #expect(PrimarySite.rightColon.sidedness == "RIGHT")
        #expect(PrimarySite.rectum.sidedness == "LEFT")
        #expect(TreatmentGroup.groupII.armCode == "G2")
    }
}
