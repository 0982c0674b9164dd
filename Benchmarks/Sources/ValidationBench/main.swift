// ValidationBench: validates a synthetic SDTM of N subjects (all domains of specs/sdtm) with
// the standard rule set and prints the time, rows and findings per rule.
//
//   swift run -c release ValidationBench [--subjects 100000] [--qs-visits 4] [--specs ../specs] [--chunks K]
//
// With --chunks K the study is generated and validated chunk by chunk (K ranges of subjects,
// ChunkedValidation), each chunk dropped after validation: the memory a chunked pipeline needs.
// Both modes print a digest of the findings, equal when the reports are equal.
//        [--write-xpt DIR]   (DIR: also write the datasets as CSV for a peer run; see BENCHMARKS.md)
//
// Every dataset has every variable of its spec, values from the spec's codelists, ISO 8601
// dates with consistent study days, unique keys and --SEQ; a few faults are seeded (an
// impossible date every 1,000th subject, a wrong AESTDY every 997th) so that the finding
// path is exercised too. Rows per subject: DM 1, AE 5, DS 3, EX 6, PR 1, QS 30×visits,
// RS 6, SV 8, TR 18, TU 3.
import Foundation
import TrialCore
import Validation

struct Options {
    var subjects = 100_000
    var qsVisits = 4
    var specs = "../specs"
    var chunks = 0
    init() {
        var args = CommandLine.arguments.dropFirst().makeIterator()
        while let a = args.next() {
            switch a {
            case "--subjects": subjects = Int(args.next() ?? "") ?? subjects
            case "--qs-visits": qsVisits = Int(args.next() ?? "") ?? qsVisits
            case "--specs": specs = args.next() ?? specs
            case "--chunks": chunks = Int(args.next() ?? "") ?? chunks
            default: FileHandle.standardError.write(Data("unknown argument \(a)\n".utf8)); exit(64)
            }
        }
    }
}

/// Builds one synthetic dataset from its spec.
struct Generator {
    let specs: SpecLibrary
    let subjects: Int
    let qsVisits: Int
    static let base = CalendarDate(year: 2021, month: 1, day: 4)!

    func rowsPerSubject(_ name: String) -> Int {
        switch name {
        case "DM", "PR": return 1
        case "AE": return 5
        case "DS", "TU": return 3
        case "EX", "RS": return 6
        case "SV": return 8
        case "TR": return 18
        case "QS": return 30 * qsVisits
        default: return 0
        }
    }

    func usubjid(_ s: Int) -> String {
        let n = String(s)
        return "SIM-" + String(repeating: "0", count: max(0, 6 - n.count)) + n
    }

    /// Reference start date of subject `s`.
    func rfst(_ s: Int) -> CalendarDate { Generator.base.adding(days: s % 700) }

    /// How one variable's values are made.
    enum Kind { case constant(Value), usubjid, subjid, siteid, seq, visitnum, tulnkid, trlnkid, age, toxgr, qsn, qsc, startDate, endDate, studyDay(end: Bool), term([Value]), number, text([Value]) }

    func kind(_ v: VariableSpec, in spec: DatasetSpec) -> Kind {
        let name = v.name.uppercased()
        let terms = (v.codelist.flatMap { specs.codelist($0)?.terms.map(\.value) } ?? []).filter { $0.utf8.count <= (v.length ?? 200) }
        switch name {
        case "STUDYID": return .constant(.character("CRLM-SIM"))
        case "DOMAIN": return .constant(.character(spec.name))
        case "USUBJID": return .usubjid
        case "SUBJID": return .subjid
        case "SITEID": return .siteid
        case "VISITNUM": return .visitnum
        case "TULNKID": return .tulnkid
        case "TRLNKID": return .trlnkid
        case "BRTHDTC": return .constant(.character("1955-06-15"))
        case "AGE": return .age
        case "DTHDTC", "QSSTAT", "QSREASND", "DTHFL": return .constant(v.type == .numeric ? .dot : .character(""))
        case "AESER": return .constant(.character("N"))
        case "AETOXGR": return .toxgr
        case "QSSTRESN": return .qsn
        case "QSSTRESC", "QSORRES": return .qsc
        default: break
        }
        if name.hasSuffix("SEQ") && v.type == .numeric { return .seq }
        if name.hasSuffix("DTC") { return name.hasSuffix("ENDTC") ? .endDate : .startDate }
        if name.hasSuffix("DY") && v.type == .numeric {
            let dtc = String(name.dropLast(2)) + "DTC"
            if spec.variable(dtc) != nil { return .studyDay(end: dtc.hasSuffix("ENDTC")) }
            return .number
        }
        if !terms.isEmpty {
            let values = terms.map { Value.character($0) }
            return name.hasSuffix("TESTCD") || name.hasSuffix("TEST") ? .term(Array(values.prefix(30))) : .text(values)
        }
        if v.type == .numeric { return .number }
        let prefix = String(name.prefix(3))
        return .text((0..<rowsPerSubject(spec.name)).map { .character(String((prefix + String($0)).prefix(v.length ?? 8))) })
    }

    func dataset(_ spec: DatasetSpec, subjects range: Range<Int>? = nil) -> Dataset {
        let range = range ?? 0..<subjects
        let per = rowsPerSubject(spec.name)
        let n = per * range.count
        let isDM = spec.name == "DM", isAE = spec.name == "AE", isQS = spec.name == "QS"
        var cols: [Column] = []
        for v in spec.variables {
            let kind = self.kind(v, in: spec)
            let name = v.name.uppercased()
            var values: [Value] = []
            values.reserveCapacity(n)
            for s in range {
                let rf = rfst(s)
                let id: Value = .character(usubjid(s))
                for k in 0..<per {
                    let day = rf.adding(days: isDM ? 0 : k * 7 + 1)
                    let value: Value
                    switch kind {
                    case .constant(let c): value = c
                    case .usubjid: value = id
                    case .subjid: value = .character(String(s))
                    case .siteid: value = .character(String(100 + s % 40))
                    case .seq: value = .number(Double(k + 1))
                    case .visitnum: value = .number(Double(isQS ? k / 30 + 1 : k + 1))
                    case .tulnkid: value = .character("T\(k + 1)")
                    case .trlnkid: value = .character("T\(k % 3 + 1)")
                    case .age: value = .number(Double(rf.year - 1955 - ((rf.month, rf.day) < (6, 15) ? 1 : 0)))
                    case .toxgr: value = .character(String(k % 4 + 1))
                    case .qsn: value = .number(Double(k % 4 + 1))
                    case .qsc: value = .character(String(k % 4 + 1))
                    case .endDate: value = .character(day.adding(days: 2).iso8601)
                    case .startDate:
                        value = isAE && name == "AESTDTC" && k == 0 && s % 1000 == 999 ? .character("2021-02-30") : .character(day.iso8601)
                    case .studyDay(let end):
                        var dy = StudyDay.of(end ? day.adding(days: 2) : day, reference: rf)
                        if isAE && name == "AESTDY" && k == 1 && s % 997 == 0 { dy += 1 }
                        value = .number(Double(dy))
                    case .term(let t): value = t[k % t.count]
                    case .number: value = .number(Double(k + 1))
                    case .text(let t): value = t[(s + k) % t.count]
                    }
                    values.append(value)
                }
            }
            cols.append(Column(name: v.name, label: v.label, type: v.type,
                               length: v.type == .numeric ? 8 : v.length, values: values))
        }
        return Dataset(name: spec.name, label: spec.label, columns: cols, keys: spec.keys)
    }
}

/// CPU seconds (user + system) used by this process so far.
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}

let options = Options()
let specs: SpecLibrary
do { specs = try SpecLibrary.load(from: options.specs) } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8)); exit(65)
}
let clock = ContinuousClock()
let gen = Generator(specs: specs, subjects: options.subjects, qsVisits: options.qsVisits)
let domains = ["DM", "AE", "DS", "EX", "PR", "QS", "RS", "SV", "TR", "TU"]

/// Peak resident set size of this process in MiB.
func peakRSSMiB() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_maxrss) / 1024
}

/// A digest of the findings that does not depend on the process (FNV-1a over rule, dataset,
/// row and message of each finding in report order).
func digest(_ report: ValidationReport) -> String {
    var h: UInt64 = 0xcbf29ce484222325
    for f in report.findings {
        for b in "\(f.ruleID)|\(f.dataset)|\(f.row ?? 0)|\(f.usubjid ?? "")|\(f.message)\n".utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
    }
    return String(h, radix: 16)
}

if options.chunks > 0 {
    // Chunked: generate subjects lo..<hi, validate, drop; only the chunk is in memory.
    var chunked = ChunkedValidation(validator: Validator(), specs: specs)
    var genCPU = 0.0, valCPU = 0.0, rows = 0
    var genWall = Duration.zero, valWall = Duration.zero
    for k in 0..<options.chunks {
        let lo = k * options.subjects / options.chunks, hi = (k + 1) * options.subjects / options.chunks
        var part: [Dataset] = []
        let c0 = cpuSeconds()
        genWall += clock.measure { for name in domains { if let spec = specs.dataset(name) { part.append(gen.dataset(spec, subjects: lo..<hi)) } } }
        let c1 = cpuSeconds()
        rows += part.reduce(0) { $0 + $1.rowCount }
        valWall += clock.measure { chunked.add(part) }
        valCPU += cpuSeconds() - c1
        genCPU += c1 - c0
    }
    var report: ValidationReport?
    let c2 = cpuSeconds()
    valWall += clock.measure { report = chunked.finish() }
    valCPU += cpuSeconds() - c2
    guard let report else { exit(70) }
    let c = report.countsBySeverity
    var load = [Double](repeating: 0, count: 3)
    _ = getloadavg(&load, 3)
    print("chunked: \(options.chunks) chunks, \(rows) rows, \(options.subjects) subjects; generation \(genWall) (CPU \(String(format: "%.2f", genCPU)) s)")
    print("validation (\(report.executedRuleCount) rules executed of \(report.rules.count)): \(valWall) wall; CPU \(String(format: "%.2f", valCPU)) s")
    print("peak RSS: \(String(format: "%.0f", peakRSSMiB())) MiB; load average \(String(format: "%.1f", load[0])) on \(ProcessInfo.processInfo.activeProcessorCount) cores")
    print("findings: \(c[.error] ?? 0) errors, \(c[.warning] ?? 0) warnings, \(c[.notice] ?? 0) notices; digest \(digest(report))")
    exit(0)
}

var datasets: [Dataset] = []
let genTime = clock.measure {
    for name in domains {
        if let spec = specs.dataset(name) { datasets.append(gen.dataset(spec)) }
    }
}
let rows = datasets.reduce(0) { $0 + $1.rowCount }
print("generated \(datasets.count) datasets, \(rows) rows, \(options.subjects) subjects in \(genTime)")
for d in datasets { print("  \(d.name): \(d.rowCount) rows × \(d.columns.count) variables") }

var report: ValidationReport?
let prepTime: Duration
let runTime: Duration
var context: ValidationContext?
let cpu0 = cpuSeconds()
prepTime = clock.measure { context = ValidationContext(datasets: datasets, specs: specs) }
let cpu1 = cpuSeconds()
runTime = clock.measure { report = Validator().validate(context!) }
let cpu2 = cpuSeconds()
guard let report else { exit(70) }
let c = report.countsBySeverity
print("prepare (intern USUBJID, parse every --DTC): \(prepTime)")
print("rules (\(report.executedRuleCount) executed of \(report.rules.count)): \(runTime)")
print("total validation: \(prepTime + runTime) wall; CPU \(String(format: "%.2f", cpu2 - cpu0)) s (prepare \(String(format: "%.2f", cpu1 - cpu0)), rules \(String(format: "%.2f", cpu2 - cpu1)))")
var load = [Double](repeating: 0, count: 3)
_ = getloadavg(&load, 3)
print("load average during run: \(String(format: "%.1f", load[0])) on \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("findings: \(c[.error] ?? 0) errors, \(c[.warning] ?? 0) warnings, \(c[.notice] ?? 0) notices; digest \(digest(report))")
print("peak RSS: \(String(format: "%.0f", peakRSSMiB())) MiB")
print("  rule     wall s    CPU s  findings")
for o in report.rules.sorted(by: { ($0.cpuSeconds ?? 0) > ($1.cpuSeconds ?? 0) }) where o.status == .executed {
    print(String(format: "  %@ %8.3f %8.3f  %7d  %@", o.id, o.seconds ?? 0, o.cpuSeconds ?? 0, o.findingCount, o.title))
}
for o in report.rules where o.status == .notExecuted { print("  \(o.id) not executed: \(o.reason ?? "")") }
var firstOf: [String: Finding] = [:]
for f in report.findings where firstOf[f.ruleID] == nil { firstOf[f.ruleID] = f }
for (id, f) in firstOf.sorted(by: { $0.key < $1.key }) { print("  first \(id): \(f.location): \(f.message)") }
