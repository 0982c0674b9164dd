// QS-like chunk writing: the shape the SDTM stage appends at 100,000 subjects.
//
//   DatasetIOBenchmarks qs WORKDIR [ROWS-PER-CHUNK] [CHUNKS]
//
// One deterministic chunk of ROWS rows × 17 variables (9 numeric, 8 character declared
// 2–200 bytes, values mostly short as in real QS) is written CHUNKS times through
// `DatasetAppender` (XPT `.spec`, XPT `.minimal`, Dataset-JSON, CSV) and once through the
// whole-dataset writers. Prints `name cpu-seconds wall-seconds` and `name MB/s` per CPU second.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DatasetIO
import TrialCore

/// A QS-like chunk: STUDYID, DOMAIN, USUBJID, QSTESTCD, QSTEST, QSCAT, QSORRES, QSSTRESC
/// (character) and QSSEQ, QSSTRESN, VISITNUM, QSDY, QSDT (DATE9.), QSTPTNUM, QSGRPID, EPOCHN,
/// QSEVLN (numeric), in SDTM-like order.
func makeQSChunk(rows: Int, firstSubject: Int = 1) -> Dataset {
    var g = SplitMix(state: 20_261_127)
    let tests = (1...30).map { ("QLQ\($0 < 10 ? "0" : "")\($0)", "Item \($0) of the quality of life questionnaire core 30") }
    let answers = ["Not at all", "A little", "Quite a bit", "Very much", ""]
    let cats = ["EORTC QLQ-C30 V3.0", "EORTC QLQ-LMC21"]
    var char: [[Value]] = Array(repeating: [], count: 8)
    var num: [[Value]] = Array(repeating: [], count: 9)
    for k in 0..<8 { char[k].reserveCapacity(rows) }
    for k in 0..<9 { num[k].reserveCapacity(rows) }
    let study: Value = .character("CRLM-LOCAL-01")
    let domain: Value = .character("QS")
    var subject = firstSubject
    var usubjid: Value = .character("CRLM-LOCAL-01-\(100000 + subject)")
    var seq = 0
    for r in 0..<rows {
        if r % 180 == 0 && r > 0 {
            subject += 1
            usubjid = .character("CRLM-LOCAL-01-\(100000 + subject)")
            seq = 0
        }
        seq += 1
        let item = r % 30
        let u = g.next()
        let a = Int(u % 5)
        char[0].append(study)
        char[1].append(domain)
        char[2].append(usubjid)
        char[3].append(.character(tests[item].0))
        char[4].append(.character(tests[item].1))
        char[5].append(.character(cats[Int(u >> 8) % 2]))
        char[6].append(.character(answers[a]))
        char[7].append(.character(a == 4 ? "" : String(a + 1)))
        num[0].append(.number(Double(seq)))
        num[1].append(a == 4 ? .dot : .number(Double(a + 1)))
        num[2].append(.number(Double(1 + (r / 30) % 6)))
        num[3].append(.number(Double(1 + 28 * ((r / 30) % 6))))
        num[4].append(.number(Double(23000 + 28 * ((r / 30) % 6))))
        num[5].append(.number(Double(r % 3)))
        num[6].append(.number(Double(item / 5 + 1)))
        num[7].append(.number(Double(1 + (r / 90) % 2)))
        num[8].append(u % 7 == 0 ? .dot : .number(Double(u % 1000) / 8))
    }
    let charSpec: [(String, Int)] = [("STUDYID", 13), ("DOMAIN", 2), ("USUBJID", 20), ("QSTESTCD", 8),
                                     ("QSTEST", 80), ("QSCAT", 40), ("QSORRES", 200), ("QSSTRESC", 200)]
    let numNames = ["QSSEQ", "QSSTRESN", "VISITNUM", "QSDY", "QSDT", "QSTPTNUM", "QSGRPID", "EPOCHN", "QSEVLN"]
    var columns: [Column] = []
    for (k, (name, length)) in charSpec.enumerated() {
        columns.append(Column(name: name, label: "\(name) label", type: .character, length: length, values: char[k]))
        if k == 2 {
            columns.append(Column(name: numNames[0], label: "Sequence Number", type: .numeric, values: num[0]))
        }
    }
    for k in 1..<9 {
        columns.append(Column(name: numNames[k], label: "\(numNames[k]) label", type: .numeric,
                              format: k == 4 ? "DATE9." : nil, values: num[k]))
    }
    return Dataset(name: "QS", label: "Questionnaires", columns: columns, keys: ["STUDYID", "USUBJID", "QSTESTCD"])
}

func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : 0
}

/// User and system CPU seconds of this process so far.
func userSystemSeconds() -> (Double, Double) {
    var u = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    #else
    getrusage(RUSAGE_SELF, &u)
    #endif
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    return (s(u.ru_utime), s(u.ru_stime))
}

/// Runs `body`, prints CPU/wall seconds, user/system split and MB/s (file bytes per CPU second).
func timedWrite(_ name: String, path: String, _ body: () throws -> Void) rethrows {
    let cpu0 = cpuSeconds()
    let (u0, s0) = userSystemSeconds()
    try time(name, body)
    let cpu = cpuSeconds() - cpu0
    let (u1, s1) = userSystemSeconds()
    let mb = Double(fileSize(path)) / 1e6
    print("\(name)_MBps \(Int((mb / max(cpu, 1e-9)).rounded())) size_MB \(Int(mb.rounded())) user \(format3(u1 - u0)) sys \(format3(s1 - s0))")
}

func runQSBench(work: String, rows: Int, chunks: Int, only: String? = nil) throws {
    let chunk = makeQSChunk(rows: rows)
    if let only {
        // Profiling: one appender case alone (`qs-xpt`, `qs-xpt-minimal`, `qs-json`, `qs-csv`).
        let (ext, lengths): (String, DatasetSpec.LengthPolicy) = only == "xpt-minimal" ? ("xpt", .minimal) : (only, .spec)
        let path = work + "/qs-profile." + ext
        try timedWrite("append_" + only, path: path) {
            let a = try DatasetAppender(path: path, format: try DatasetFile.format(of: path), template: chunk, lengths: lengths)
            for _ in 0..<chunks { try a.append(chunk) }
            try a.finish()
        }
        return
    }
    print("qs rows-per-chunk \(rows) chunks \(chunks) variables \(chunk.columns.count)")
    try timedWrite("whole_xpt_spec", path: work + "/qs-whole.xpt") {
        try DatasetFile.write(chunk, to: work + "/qs-whole.xpt")
    }
    try timedWrite("whole_xpt_minimal", path: work + "/qs-whole-min.xpt") {
        try DatasetFile.write(chunk, to: work + "/qs-whole-min.xpt", options: .init(lengths: .minimal))
    }
    try timedWrite("whole_json", path: work + "/qs-whole.json") {
        try DatasetFile.write(chunk, to: work + "/qs-whole.json")
    }
    try timedWrite("whole_csv", path: work + "/qs-whole.csv") {
        try DatasetFile.write(chunk, to: work + "/qs-whole.csv")
    }
    // The appender: the same chunk CHUNKS times (CPU per MB is what compares).
    let cases: [(String, String, DatasetSpec.LengthPolicy)] = [
        ("append_xpt_spec", "qs-append.xpt", .spec), ("append_xpt_minimal", "qs-append-min.xpt", .minimal),
        ("append_json", "qs-append.json", .spec), ("append_csv", "qs-append.csv", .spec),
    ]
    for (name, file, lengths) in cases {
        let path = work + "/" + file
        try timedWrite(name, path: path) {
            let a = try DatasetAppender(path: path, format: try DatasetFile.format(of: path), template: chunk, lengths: lengths)
            for _ in 0..<chunks { try a.append(chunk) }
            try a.finish()
        }
    }
}
