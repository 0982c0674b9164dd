// SDTMBench: maps a synthetic N-subject study (the shape of the CRLM-LOCAL schedule: 9 visits,
// lesions, responses, AEs, QLQ-C30 per visit, procedures, therapy lines, disposition) to all
// SDTM domains and prints the wall time and peak resident memory.
//
//   swift run -c release SDTMBench [subjects=100000] [specs=../specs]
import Foundation
import SDTM
import StudyModel
import TrialCore

/// Deterministic 64-bit LCG (Knuth MMIX constants).
struct LCG {
    var state: UInt64
    mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
}

func syntheticStudy(subjects n: Int, seed: UInt64 = 42) -> (StudyData, AECodingDictionary) {
    var g = LCG(state: seed)
    let terms = ["Nausea", "Fatigue", "Diarrhoea", "Neutropenia", "Neuropathy", "Bile leak", "Abdominal pain", "Hypertension"]
    let dict = AECodingDictionary(version: "bench", entries: terms.map { .init(preferredTerm: $0, bodySystem: "Body system of \($0)", verbatims: [$0.lowercased()]) })
    var s = StudyData(studyID: "CRLM-LOCAL")
    let base = CalendarDate(year: 2020, month: 1, day: 1)!
    func pd(_ c: CalendarDate) -> PartialDateTime { PartialDateTime(c) }
    func prov(_ f: String, _ l: Int) -> Provenance { Provenance(.text(file: f, line: l, column: nil)) }
    var line = 1
    for i in 0..<n {
        line += 1
        let site = String(format: "%02d", 1 + i % 12)
        let sid = "\(site)-\(String(format: "%06d", i))"
        let incl = base.adding(days: g.int(900))
        let group: TreatmentGroup = g.chance(0.45) ? .groupI : .groupII
        let birth = PartialDateTime(year: 1940 + g.int(40), month: g.chance(0.9) ? 1 + g.int(12) : nil, day: nil)
        s.subjects.append(Subject(subjectID: sid, siteID: site, birthDate: birth, sex: g.chance(0.6) ? .male : .female,
            race: .asian, ethnicity: .notHispanicOrLatino, country: "CHN", consentDate: pd(incl.adding(days: -g.int(14) - 1)),
            inclusionDate: pd(incl), group: group, ecog: g.int(3),
            baseline: BaselineDisease(primarySite: .leftColon, primaryResected: true, liverMetastasisTiming: .synchronous,
                                      ras: .wildType, braf: .wildType, msi: .stable, ceaNgPerML: Double(g.int(500)) / 10,
                                      liverMetastasisCount: 1 + g.int(8), largestLiverMetastasisMM: Double(10 + g.int(80)),
                                      bilobar: g.chance(0.4), extrahepaticSites: [.lung]), provenance: prov("dm.csv", line)))
        let lastMonth = g.chance(0.33) ? 3 * g.int(8) : 24   // about a third die before 2 years
        if group == .groupI {
            s.procedures.append(Procedure(subjectID: sid, number: 1, type: .minorHepatectomy, date: pd(incl.adding(days: 20 + g.int(30))),
                                          intent: .curative, margin: .r0, provenance: prov("pr.csv", line)))
        }
        s.systemicTherapies.append(SystemicTherapy(subjectID: sid, line: 1, regimen: .folfox, targetedAgent: .bevacizumab,
            startDate: pd(incl.adding(days: 3)), endDate: pd(incl.adding(days: 180)), cycles: 12, provenance: prov("ex.csv", line)))
        for k in 0..<(g.int(6)) {
            let st = incl.adding(days: g.int(700))
            s.adverseEvents.append(AdverseEvent(subjectID: sid, number: k + 1, verbatimTerm: terms[g.int(terms.count)].lowercased(),
                grade: 1 + g.int(4), serious: g.chance(0.1), relationToLocalTreatment: group == .groupI ? .related : .notApplicable,
                relationToSystemicTherapy: .notRelated, startDate: g.chance(0.9) ? pd(st) : PartialDateTime(year: st.year, month: st.month),
                endDate: pd(st.adding(days: g.int(60))), outcome: .recovered, actionTaken: .doseNotChanged, provenance: prov("ae.csv", line)))
        }
        for m in stride(from: 0, through: lastMonth, by: 3) {
            let v = Visit.scheduled(month: m)
            let day = incl.adding(days: (v.nominalDay ?? 1) - 1 + g.int(10) - 5)
            let done = !(m > 0 && g.chance(0.05))
            s.visits.append(VisitRecord(subjectID: sid, visit: v, date: done ? pd(day) : nil, done: done,
                                        reasonNotDone: done ? nil : "MISSED", provenance: prov("sv.csv", line)))
            guard done else { continue }
            for (id, organ, cat) in [("T01", LesionOrgan.liver, LesionCategory.target), ("T02", .liver, .target), ("NT01", .lung, .nonTarget)] {
                s.lesions.append(LesionMeasurement(subjectID: sid, visit: v, date: pd(day), method: .ct, lesionID: id, organ: organ,
                    liverSegment: organ == .liver ? 1 + g.int(8) : nil, category: cat,
                    diameterMM: cat == .target ? Double(5 + g.int(60)) : nil, provenance: prov("tr.csv", line)))
            }
            if m > 0 {
                s.responses.append(ResponseAssessment(subjectID: sid, visit: v, date: pd(day), intrahepatic: .sd, extrahepatic: .sd,
                                                      overall: .sd, provenance: prov("rs.csv", line)))
            }
            let qDone = !g.chance(0.1)
            var items: [Int?] = (1...30).map { $0 >= 29 ? 1 + g.int(7) : 1 + g.int(4) }
            if g.chance(0.05) { items[g.int(30)] = nil }
            s.questionnaires.append(QLQC30Response(subjectID: sid, visit: v, date: qDone ? pd(day) : nil, done: qDone,
                reasonNotDone: qDone ? nil : "PATIENT REFUSED", items: qDone ? items : Array(repeating: nil, count: 30),
                provenance: prov("qs.csv", line)))
        }
        let died = lastMonth < 24
        s.dispositions.append(Disposition(subjectID: sid, status: died ? .died : .completed,
            date: died ? nil : pd(incl.adding(days: 731)), deathDate: died ? pd(incl.adding(days: lastMonth * 30 + 20)) : nil,
            deathCause: died ? .diseaseProgression : nil, lastKnownAliveDate: pd(incl.adding(days: lastMonth * 30 + 10)),
            withdrawalReason: nil, provenance: prov("ds.csv", line)))
    }
    return (s, dict)
}

/// User + system CPU seconds of this process so far.
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}

func peakRSSMiB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
    for l in text.split(separator: "\n") where l.hasPrefix("VmHWM:") {
        let kb = l.split(separator: " ").compactMap { Double($0) }.first ?? .nan
        return kb / 1024
    }
    return .nan
}

let args = CommandLine.arguments
let n = args.count > 1 ? Int(args[1]) ?? 100_000 : 100_000
let specsRoot = args.count > 2 ? args[2] : "../specs"
let chunk = args.count > 3 ? Int(args[3]) ?? 0 : 0   // 0 = map at once
let clock = ContinuousClock()
let t0 = clock.now
let (study, dict) = syntheticStudy(subjects: n)
let t1 = clock.now
let rssBefore = peakRSSMiB()
let cpu1 = cpuSeconds()
do {
    let specs = try SpecLibrary.load(from: specsRoot)
    let mapper = SDTMMapper(specs: specs, dictionary: dict)
    let result = chunk > 0
        ? try mapper.mapInChunks(study, subjectsPerChunk: chunk) { (_: SDTMResult) throws(InputError) in }
        : try mapper.map(study)
    let t2 = clock.now
    let cpu2 = cpuSeconds()
    let rows = result.datasets.map { "\($0.name)=\(result.rowCounts[$0.name] ?? 0)" }.joined(separator: " ")
    print("subjects \(n) (chunk \(chunk == 0 ? "none" : String(chunk))): generate \(t1 - t0), map \(t2 - t1) (CPU \(String(format: "%.2f", cpu2 - cpu1)) s); rejections \(result.rejections.count)")
    print("rows: \(rows)")
    print(String(format: "peak RSS after generating %.0f MiB, after mapping %.0f MiB", rssBefore, peakRSSMiB()))
} catch {
    print("error: \(error)")
    exit(70)
}
