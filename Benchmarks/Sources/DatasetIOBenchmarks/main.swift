// DatasetIO benchmark: 1,000,000 rows × 20 variables (10 numeric, 10 character), written and
// read as XPT, Dataset-JSON and CSV. Prints `name seconds` lines; the Python peers
// (pyreadstat, json.dump, csv) run on the same files in datasetio_peer.py.
//
//   swift run -c release DatasetIOBenchmarks WORKDIR [ROWS]
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DatasetIO
import TrialCore

let arguments = CommandLine.arguments
let work = arguments.count > 1 ? arguments[1] : "/tmp/datasetio-bench"
let rows = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000

/// Deterministic data: SplitMix64.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

func makeDataset(rows: Int) -> Dataset {
    var g = SplitMix(state: 20_240_101)
    let terms = ["HEADACHE", "NAUSEA", "APPLICATION SITE PRURITUS", "DIZZINESS", "FATIGUE",
                 "ERYTHEMA", "DIARRHOEA", "UPPER RESPIRATORY TRACT INFECTION", "RASH, \"MACULAR\"", "COUGH"]
    let arms = ["Placebo", "Xanomeline Low Dose", "Xanomeline High Dose"]
    var columns: [Column] = []
    for k in 0..<10 {
        var values: [Value] = []
        values.reserveCapacity(rows)
        let format: String? = k == 3 || k == 4 ? "DATE9." : (k == 5 ? "8.2" : nil)
        for r in 0..<rows {
            let u = g.next()
            if u % 50 == 0 { values.append(.dot); continue }
            switch k {
            case 0: values.append(.number(Double(r + 1)))                         // sequence
            case 1: values.append(.number(Double(18 + Int(u % 70))))               // age
            case 3, 4: values.append(.number(Double(18000 + Int(u % 5000))))       // dates
            case 6: values.append(.number(Double(Int(u % 2))))                     // flag 0/1
            default: values.append(.number((g.unit() - 0.3) * pow10(k)))          // measurements
            }
        }
        columns.append(Column(name: "NUM\(k)", label: "Numeric variable \(k)", type: .numeric, format: format, values: values))
    }
    for k in 0..<10 {
        var values: [Value] = []
        values.reserveCapacity(rows)
        for r in 0..<rows {
            let u = g.next()
            switch k {
            case 0: values.append(.character("CDISCPILOT01"))
            case 1: values.append(.character("01-\(700 + Int(u % 20))-\(1000 + r % 9000)"))
            case 2, 3: values.append(.character(terms[Int(u % UInt64(terms.count))]))
            case 4: values.append(.character(arms[Int(u % 3)]))
            case 5: values.append(.character(u % 4 == 0 ? "" : "Y"))
            default:
                let n = 8 + Int(u % 24)
                var s = ""
                s.reserveCapacity(n)
                var v = u
                for _ in 0..<n { s.unicodeScalars.append(Unicode.Scalar(UInt8(97 + v % 26))); v = v / 26 == 0 ? g.next() : v / 26 }
                values.append(.character(s))
            }
        }
        let longest = Column.longestByteLength(values)
        columns.append(Column(name: "CHR\(k)", label: "Character variable \(k)", type: .character, length: longest, values: values))
    }
    return Dataset(name: "BENCH", label: "DatasetIO benchmark", columns: columns)
}

func pow10(_ k: Int) -> Double {
    var x = 1.0
    for _ in 0..<k { x *= 10 }
    return x
}

/// CPU seconds of this process (user + system): the machine is shared, so wall time would
/// measure the other jobs too. Both sides are single-threaded.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Prints `name cpu-seconds wall-seconds`.
func time(_ name: String, _ body: () throws -> Void) rethrows {
    let clock = ContinuousClock()
    let start = clock.now
    let cpu0 = cpuSeconds()
    try body()
    let cpu = cpuSeconds() - cpu0
    let d = start.duration(to: clock.now)
    let wall = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    print("\(name) \(format3(cpu)) \(format3(wall))")
}

func format3(_ x: Double) -> String {
    let ms = Int((x * 1000).rounded())
    let frac = ms % 1000
    return "\(ms / 1000)." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + "\(frac)"
}

// QS-like chunked writing (QSBench.swift): `qs WORKDIR [ROWS-PER-CHUNK] [CHUNKS]`; one case for
// profiling: `qs-xpt`, `qs-xpt-minimal`, `qs-json`, `qs-csv`.
if arguments.count > 2, arguments[1].hasPrefix("qs") {
    do {
        try runQSBench(work: arguments[2], rows: arguments.count > 3 ? Int(arguments[3]) ?? 500_000 : 500_000,
                       chunks: arguments.count > 4 ? Int(arguments[4]) ?? 4 : 4,
                       only: arguments[1].hasPrefix("qs-") ? String(arguments[1].dropFirst(3)) : nil)
    } catch {
        print("error: \(error)")
    }
    exit(0)
}

// Profiling modes on existing files: `csvread FILE`, `xptread FILE`, `jsonread FILE`.
if arguments.count > 2, ["csvread", "xptread", "jsonread"].contains(arguments[1]) {
    let path = arguments[2]
    do {
        switch arguments[1] {
        case "csvread":
            var n = 0
            try time("swift_csv_read_rows") {
                let reader = try CSVReader(path: path)
                while try reader.next() != nil { n += 1 }
            }
            print("records \(n)")
            try time("swift_csv_read_rowviews") {
                let reader = try CSVReader(path: path)
                var row = CSVRow()
                n = 0
                while try reader.read(into: &row) { n += 1 }
            }
        case "xptread":
            var kept: [Dataset] = []
            try time("swift_xpt_read") { kept = try XPTReader.read(path: path) }
            print("rows \(kept.first?.rowCount ?? 0)")
        default:
            var kept: Dataset?
            try time("swift_json_read") { kept = try DatasetJSONReader.read(path: path).0 }
            print("rows \(kept?.rowCount ?? 0)")
        }
    } catch {
        print("error: \(error)")
    }
    exit(0)
}

do {
    let ds = makeDataset(rows: rows)
    print("rows \(ds.rowCount) variables \(ds.columns.count)")
    try time("swift_xpt_write") { try XPTWriter.write(ds, to: work + "/bench.xpt") }
    var back: [Dataset] = []
    try time("swift_xpt_read") { back = try XPTReader.read(path: work + "/bench.xpt") }
    guard back.first?.rowCount == rows else { fatalError("XPT read gave \(back.first?.rowCount ?? -1) rows") }
    back = []
    try time("swift_json_write") { try DatasetJSONWriter.write(ds, to: work + "/bench.json") }
    var fromJSON: Dataset?
    try time("swift_json_read") { fromJSON = try DatasetJSONReader.read(path: work + "/bench.json").0 }
    guard fromJSON?.rowCount == rows else { fatalError("JSON read gave \(fromJSON?.rowCount ?? -1) rows") }
    fromJSON = nil
    try time("swift_csv_write") { try DatasetCSV.write(ds, to: work + "/bench.csv") }
    var records = 0
    try time("swift_csv_read_rows") {
        let reader = try CSVReader(path: work + "/bench.csv")
        while try reader.next() != nil { records += 1 }
    }
    guard records == rows else { fatalError("CSV read gave \(records) rows") }
    // The same reader, fields left as validated UTF-8 bytes in a reused row (no Strings).
    try time("swift_csv_read_rowviews") {
        let reader = try CSVReader(path: work + "/bench.csv")
        var row = CSVRow()
        while try reader.read(into: &row) {}
    }
} catch {
    print("error: \(error)")
}
