// AnalysisBench: the analysis and report of a big study as the chunked pipeline runs them —
// ADSL, ADTTE and ADAE held whole, ADQS streamed from its CSV in chunks of subjects into a
// QualityOfLifeAccumulator — with wall/CPU time and peak RSS per step.
//
//   swift run -c release AnalysisBench ADAM_DIR PLAN [replicate=1] [out=/tmp/analysis-bench] [chunk=5000]
//
// ADAM_DIR holds adsl.csv, adtte.csv, adae.csv, adqs.csv (e.g. from `trialdata adam … --format csv`).
// `replicate` K stacks the study K times (USUBJID suffixed "-R<k>"), so a 20,000-subject ADaM
// stands for 100,000 subjects with K = 5 (ADQS is streamed K times, never held). chunk = 0 skips ADQS.
import Analysis
import DatasetIO
import Foundation
import Reports
import TrialCore

let RUSAGE_SELF_ID = Int32(RUSAGE_SELF.rawValue)
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func cpu() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF_ID, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}
func peakMB() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF_ID, &u)
    return Double(u.ru_maxrss) / 1024
}
func report(_ step: String, _ t0: Double, _ c0: Double) {
    print(String(format: "%-34@ wall %7.2f s  cpu %7.2f s  peak RSS %7.0f MB", step as NSString, now() - t0, cpu() - c0, peakMB()))
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("AnalysisBench: \(message)\n".utf8))
    exit(70)
}

let args = CommandLine.arguments
guard args.count >= 3 else { fail("usage: AnalysisBench ADAM_DIR PLAN [replicate] [out] [chunk]") }
let dir = args[1], planPath = args[2]
let replicate = args.count > 3 ? Int(args[3]) ?? 1 : 1
let out = args.count > 4 ? args[4] : "/tmp/analysis-bench"
let chunkSubjects = args.count > 5 ? Int(args[5]) ?? 5000 : 5000

/// `ds` stacked `k` times, the subject variable suffixed "-R<r>" in copy r ≥ 1.
func stacked(_ ds: Dataset, _ k: Int, subject: String) -> Dataset {
    guard k > 1 else { return ds }
    var out = ds
    for c in out.columns.indices {
        let v = ds.columns[c].values
        out.columns[c].values.reserveCapacity(v.count * k)
        for r in 1..<k {
            if ds.columns[c].name == subject { out.columns[c].values += v.map { .character(($0.string ?? $0.text) + "-R\(r)") } }
            else { out.columns[c].values += v }
        }
    }
    return out
}

do {
    let plan = try AnalysisPlan.load(path: planPath)
    var t0 = now(), c0 = cpu()
    let adsl = stacked(try DatasetFile.read(path: dir + "/adsl.csv"), replicate, subject: plan.subject)
    let adtte = stacked(try DatasetFile.read(path: dir + "/adtte.csv"), replicate, subject: plan.subject)
    let adae = stacked(try DatasetFile.read(path: dir + "/adae.csv"), replicate, subject: plan.subject)
    report("read ADSL/ADTTE/ADAE (\(adsl.rowCount)/\(adtte.rowCount)/\(adae.rowCount))", t0, c0)

    // ADQS: streamed, chunks of `chunkSubjects` whole subjects; only the plan's variables kept.
    guard let v = plan.adqs else { fail("the plan has no adqs") }
    let keep = [v.subject, v.paramcd, v.param, v.visit, v.visitNumber, v.value, v.change] + (v.filterFlag.map { [$0] } ?? [])
    let numeric: Set<String> = [v.visitNumber, v.value, v.change]
    var adslRow: [String: Int] = [:]
    for r in 0..<adsl.rowCount { adslRow[adsl.text(plan.subject, row: r)] = r }
    var acc = QualityOfLifeAccumulator(plan: plan)
    var accSeconds = 0.0, accCPU = 0.0, rows = 0
    t0 = now(); c0 = cpu()
    for r in 0..<(chunkSubjects > 0 ? replicate : 0) {   // chunk 0: no ADQS
        let reader = try CSVReader(path: dir + "/adqs.csv")
        let header = reader.header ?? []
        let index = keep.map { k in header.firstIndex(of: k) }
        var fields = [[String]](repeating: [], count: keep.count)
        var subjects: [String] = [], last = ""
        func flush() throws(AnalysisError) {
            guard !subjects.isEmpty else { return }
            var chunk = Dataset(name: "ADQS")
            for (k, name) in keep.enumerated() {
                chunk.columns.append(numeric.contains(name) ? Column.numeric(name, fields[k].map { Double($0) })
                                                            : Column.character(name, fields[k]))
            }
            let chunkADSL = adsl.selectingRows(subjects.compactMap { adslRow[$0] })
            let a0 = now(), ac0 = cpu()
            try acc.add(adqs: chunk, adsl: chunkADSL)
            accSeconds += now() - a0; accCPU += cpu() - ac0
            rows += chunk.rowCount
            fields = [[String]](repeating: [], count: keep.count)
            subjects = []
        }
        while let rec = try reader.next() {
            var id = index[0].map { rec.fields[$0] } ?? ""
            if r > 0 { id += "-R\(r)" }
            if id != last {
                if subjects.count == chunkSubjects { try flush() }
                subjects.append(id)
                last = id
            }
            for (k, i) in index.enumerated() { fields[k].append(k == 0 ? id : i.map { rec.fields[$0] } ?? "") }
        }
        try flush()
    }
    report("stream ADQS (\(rows) rows), CSV + accumulate", t0, c0)
    print(String(format: "%-34@ wall %7.2f s  cpu %7.2f s", "  of which QualityOfLifeAccumulator.add" as NSString, accSeconds, accCPU))

    t0 = now(); c0 = cpu()
    let results = try TrialAnalysis.run(plan: plan, adsl: adsl, adtte: adtte, adae: adae, qualityOfLife: acc)
    report("TrialAnalysis.run", t0, c0)

    t0 = now(); c0 = cpu()
    let outURL = URL(fileURLWithPath: out)
    let json = try results.jsonData()
    try ReportWriter.writeAtomically(json, to: outURL.appendingPathComponent("results.json"))
    let files = try ReportWriter.write(results, to: outURL)
    report("results.json + ReportWriter.write", t0, c0)
    let html = (try? FileManager.default.attributesOfItem(atPath: out + "/report.html")[.size] as? Int) ?? 0
    var svg = 0
    for f in files where f.hasSuffix(".svg") {
        svg += (try? FileManager.default.attributesOfItem(atPath: out + "/" + f)[.size] as? Int) ?? 0
    }
    print(String(format: "sizes: report.html %.2f MB, results.json %.2f MB, SVGs %.2f MB (%d files)",
                 Double(html) / 1e6, Double(json.count) / 1e6, Double(svg) / 1e6, files.count))
} catch {
    fail("\(error)")
}
