import StudyModel
import TrialCore

/// A hand-built four-subject study for the golden tests (dates and values chosen so that
/// every expected SDTM value can be worked out by hand from SDTMIG rules):
/// - 001-001 (Group I): complete dates, hepatectomy, an AE spanning the month-3 visit, a
///   missing QLQ-C30 item at baseline and a questionnaire not done at month 3, a visit not done;
/// - 001-002 (Group II): birth year only, partial dates, a new lesion at progression, death;
/// - 002-001 (Group I): withdrawn, never treated;
/// - 002-002 (Group II): partial inclusion date, an uncodable AE term, an out-of-range item;
/// plus an AE of a subject not in the subject list.
enum GoldenStudy {
    static func d(_ y: Int, _ m: Int? = nil, _ day: Int? = nil) -> PartialDateTime {
        PartialDateTime(year: y, month: m, day: day)
    }
    static func at(_ file: String, _ line: Int) -> Provenance { Provenance(.text(file: file, line: line, column: nil)) }

    static let dictionary = AECodingDictionary(version: "test 1.0", entries: [
        .init(preferredTerm: "Nausea", bodySystem: "Gastrointestinal disorders", verbatims: ["nausea", "nausia"]),
        .init(preferredTerm: "Bile leak", bodySystem: "Hepatobiliary disorders", verbatims: ["bile leakage"]),
        .init(preferredTerm: "Fatigue", bodySystem: "General disorders and administration site conditions", verbatims: ["tiredness"]),
    ])

    static func baseline(_ site: PrimarySite, _ eh: [ExtrahepaticSite]) -> BaselineDisease {
        BaselineDisease(primarySite: site, primaryResected: true, liverMetastasisTiming: .synchronous, ras: .wildType,
                        braf: .wildType, msi: .stable, ceaNgPerML: 12.5, liverMetastasisCount: 3,
                        largestLiverMetastasisMM: 45, bilobar: true, extrahepaticSites: eh)
    }

    static let study: StudyData = {
        let a = "001-001", b = "001-002", c = "002-001", dd = "002-002"
        let subjects = [
            Subject(subjectID: c, siteID: "02", birthDate: d(1960, 2), sex: .male, race: .black, ethnicity: .hispanicOrLatino,
                    country: "ESP", consentDate: d(2021, 9, 1), inclusionDate: d(2021, 9, 15), group: .groupI, ecog: nil,
                    baseline: baseline(.rectum, [.bone]), provenance: at("dm.csv", 4)),
            Subject(subjectID: a, siteID: "01", birthDate: d(1956, 7, 20), sex: .male, race: .white,
                    ethnicity: .notHispanicOrLatino, country: "FRA", consentDate: d(2021, 3, 1), inclusionDate: d(2021, 3, 10),
                    group: .groupI, ecog: 0, baseline: baseline(.rightColon, [.lung]), provenance: at("dm.csv", 2)),
            Subject(subjectID: dd, siteID: "02", birthDate: d(1970, 5, 5), sex: .female, race: .white,
                    ethnicity: .notHispanicOrLatino, country: "FRA", consentDate: d(2021, 9, 28), inclusionDate: d(2021, 10),
                    group: .groupII, ecog: 1, baseline: baseline(.leftColon, [.lung]), provenance: at("dm.csv", 5)),
            Subject(subjectID: b, siteID: "01", birthDate: d(1948), sex: .female, race: .asian, ethnicity: .notReported,
                    country: "CHN", consentDate: d(2021, 5, 2), inclusionDate: d(2021, 5, 6), group: .groupII, ecog: 1,
                    baseline: baseline(.leftColon, [.peritoneum, .distantLymphNodes]), provenance: at("dm.csv", 3)),
        ]
        let procedures = [
            Procedure(subjectID: a, number: 1, type: .minorHepatectomy, date: d(2021, 4, 15), intent: .curative, margin: .r0,
                      provenance: at("pr.csv", 2)),
            Procedure(subjectID: b, number: 1, type: .tace, date: d(2021, 6), intent: .palliative, margin: .notApplicable,
                      provenance: at("pr.csv", 3)),
        ]
        let therapies = [
            SystemicTherapy(subjectID: a, line: 1, regimen: .folfox, targetedAgent: .bevacizumab, startDate: d(2021, 3, 12),
                            endDate: d(2021, 8, 20), cycles: 12, provenance: at("ex.csv", 2)),
            SystemicTherapy(subjectID: b, line: 1, regimen: .folfiri, targetedAgent: .none, startDate: d(2021, 5, 10),
                            endDate: nil, cycles: nil, provenance: at("ex.csv", 3)),
        ]
        func lesion(_ s: String, _ v: Int, _ date: PartialDateTime, _ m: ImagingMethod, _ id: String, _ organ: LesionOrgan,
                    _ seg: Int?, _ cat: LesionCategory, _ mm: Double?, _ line: Int) -> LesionMeasurement {
            LesionMeasurement(subjectID: s, visit: .scheduled(month: v), date: date, method: m, lesionID: id, organ: organ,
                              liverSegment: seg, category: cat, diameterMM: mm, provenance: at("tr.csv", line))
        }
        let lesions = [
            // Month 3 records first: the mapper must order by visit.
            lesion(a, 3, d(2021, 6, 8), .ct, "T01", .liver, 7, .target, 30, 5),
            lesion(a, 3, d(2021, 6, 8), .ct, "T02", .liver, 2, .target, nil, 6),
            lesion(a, 3, d(2021, 6, 8), .ct, "NT01", .lung, nil, .nonTarget, nil, 7),
            lesion(a, 0, d(2021, 3, 5), .ct, "T01", .liver, 7, .target, 45, 2),
            lesion(a, 0, d(2021, 3, 5), .ct, "T02", .liver, 2, .target, 20, 3),
            lesion(a, 0, d(2021, 3, 5), .ct, "NT01", .lung, nil, .nonTarget, nil, 4),
            lesion(b, 0, d(2021, 5, 4), .mri, "T01", .liver, nil, .target, 30, 8),
            lesion(b, 0, d(2021, 5, 4), .mri, "NT01", .peritoneum, nil, .nonTarget, nil, 9),
            lesion(b, 3, d(2021, 8, 5), .mri, "T01", .liver, nil, .target, 38, 10),
            lesion(b, 3, d(2021, 8, 5), .mri, "NT01", .peritoneum, nil, .nonTarget, nil, 11),
            lesion(b, 3, d(2021, 8, 5), .mri, "NEW01", .liver, 4, .new, nil, 12),
        ]
        let responses = [
            ResponseAssessment(subjectID: a, visit: .scheduled(month: 3), date: d(2021, 6, 8), intrahepatic: .pr,
                               extrahepatic: .sd, overall: .pr, provenance: at("rs.csv", 2)),
            ResponseAssessment(subjectID: b, visit: .scheduled(month: 3), date: d(2021, 8, 5), intrahepatic: .pd,
                               extrahepatic: .sd, overall: .pd, provenance: at("rs.csv", 3)),
        ]
        let aes = [
            AdverseEvent(subjectID: a, number: 1, verbatimTerm: "nausia", grade: 2, serious: false,
                         relationToLocalTreatment: .notRelated, relationToSystemicTherapy: .related,
                         startDate: d(2021, 5, 20), endDate: d(2021, 7, 2), outcome: .recovered, actionTaken: .doseReduced,
                         provenance: at("ae.csv", 2)),
            AdverseEvent(subjectID: a, number: 2, verbatimTerm: "bile leakage", grade: 3, serious: true,
                         seriousnessCriteria: [.hospitalization], relationToLocalTreatment: .related,
                         relationToSystemicTherapy: .notRelated, startDate: d(2021, 4, 18), endDate: d(2021, 5),
                         outcome: .recovered, actionTaken: .notApplicable, provenance: at("ae.csv", 3)),
            AdverseEvent(subjectID: b, number: 1, verbatimTerm: "Fatigue", grade: 1, serious: nil,
                         relationToLocalTreatment: .notApplicable, relationToSystemicTherapy: .related,
                         startDate: d(2021, 7), endDate: nil, outcome: .notRecovered, actionTaken: .doseNotChanged,
                         provenance: at("ae.csv", 4)),
            AdverseEvent(subjectID: dd, number: 1, verbatimTerm: "headache xyz", grade: 1, serious: false,
                         relationToLocalTreatment: .notApplicable, relationToSystemicTherapy: .unknown,
                         startDate: d(2021, 10, 22), endDate: nil, outcome: .unknown, provenance: at("ae.csv", 5)),
            AdverseEvent(subjectID: "999-999", number: 1, verbatimTerm: "nausea", grade: 1, serious: false,
                         relationToLocalTreatment: .notRelated, relationToSystemicTherapy: .notRelated,
                         startDate: d(2021, 1, 1), endDate: nil, outcome: .unknown, provenance: at("ae.csv", 6)),
        ]
        var itemsA: [Int?] = (1...30).map { n in n <= 28 ? ((n - 1) % 4) + 1 : (n == 29 ? 1 : 7) }
        itemsA[4] = nil
        var itemsD: [Int?] = Array(repeating: 2, count: 30)
        itemsD[2] = 9
        let questionnaires = [
            QLQC30Response(subjectID: a, visit: .scheduled(month: 3), date: nil, done: false, reasonNotDone: "PATIENT REFUSED",
                           items: Array(repeating: nil, count: 30), provenance: at("qs.csv", 3)),
            QLQC30Response(subjectID: a, visit: .scheduled(month: 0), date: d(2021, 3, 9), done: true, items: itemsA,
                           provenance: at("qs.csv", 2)),
            QLQC30Response(subjectID: dd, visit: .scheduled(month: 0), date: d(2021, 10, 20), done: true, items: itemsD,
                           provenance: at("qs.csv", 4)),
        ]
        let dispositions = [
            Disposition(subjectID: a, status: .ongoing, date: nil, deathDate: nil, deathCause: nil,
                        lastKnownAliveDate: d(2021, 9, 1), withdrawalReason: nil, provenance: at("ds.csv", 2)),
            Disposition(subjectID: b, status: .died, date: nil, deathDate: d(2022, 1, 15), deathCause: .diseaseProgression,
                        lastKnownAliveDate: d(2022, 1, 10), withdrawalReason: nil, provenance: at("ds.csv", 3)),
            Disposition(subjectID: c, status: .withdrawn, date: d(2021, 10, 1), deathDate: nil, deathCause: nil,
                        lastKnownAliveDate: d(2021, 10, 1), withdrawalReason: .withdrawalBySubject, provenance: at("ds.csv", 4)),
        ]
        let visits = [
            VisitRecord(subjectID: a, visit: .scheduled(month: 6), date: nil, done: false, reasonNotDone: "SUBJECT HOSPITALIZED",
                        provenance: at("sv.csv", 4)),
            VisitRecord(subjectID: a, visit: .scheduled(month: 0), date: d(2021, 3, 10), done: true, provenance: at("sv.csv", 2)),
            VisitRecord(subjectID: a, visit: .scheduled(month: 3), date: d(2021, 6, 8), done: true, provenance: at("sv.csv", 3)),
            VisitRecord(subjectID: b, visit: .scheduled(month: 0), date: d(2021, 5, 6), done: true, provenance: at("sv.csv", 5)),
            VisitRecord(subjectID: b, visit: .scheduled(month: 3), date: d(2021, 8, 5), done: true, provenance: at("sv.csv", 6)),
        ]
        return StudyData(studyID: "CRLM-LOCAL", subjects: subjects, procedures: procedures, systemicTherapies: therapies,
                         lesions: lesions, responses: responses, adverseEvents: aes, questionnaires: questionnaires,
                         dispositions: dispositions, visits: visits)
    }()
}
