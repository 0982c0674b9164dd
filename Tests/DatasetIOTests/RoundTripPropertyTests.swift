import Foundation
import PropertyBased
import Testing
import TrialCore
@testable import DatasetIO

/// SplitMix64: a small deterministic generator, seeded by PropertyBased's random input, so
/// each generated dataset is reproducible from its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random datasets with the extremes issue 4 names: 1e-300, 1e300, -0.0, values IBM cannot
/// hold exactly in 53 bits, empty and 200-byte strings, special missings, dates.
enum RandomDataset {
    static let extremes: [Double] = [1e-300, 1e300, -0.0, 0.0, 0.1, 1.0 / 3.0, -2.5, .pi * 1e10, Double.leastNonzeroMagnitude,
                                     .greatestFiniteMagnitude, 7.2e75, 5.4e-79, 123456789.123456789, -1e-5]

    static func name(_ g: inout SplitMix, prefix: String = "") -> String {
        let first = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ_")
        let rest = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        var s = prefix + String(first[Int(g.next() % UInt64(first.count))])
        let n = Int(g.next() % 8)
        for _ in 0..<max(0, min(n, 8 - s.count)) { s.append(rest[Int(g.next() % UInt64(rest.count))]) }
        return s
    }

    static func text(_ g: inout SplitMix, ascii: Bool) -> String {
        switch g.next() % 6 {
        case 0: return ""
        case 1: return String(repeating: "X", count: 199) + "Y"              // 200 bytes
        default:
            let pool: [Character] = Array("abc XYZ 019 ,;\"'|\t\n\r.-_") + (ascii ? [] : ["é", "ß", "😀", "中"])
            var s = ""
            for _ in 0..<Int(g.next() % 30) { s.append(pool[Int(g.next() % UInt64(pool.count))]) }
            while s.last == " " { s.removeLast() }                           // XPT keeps no trailing blanks
            return s
        }
    }

    static func number(_ g: inout SplitMix, specials: Bool) -> Value {
        switch g.next() % 10 {
        case 0: return .dot
        case 1 where specials:
            let letters: [MissingValue] = [.letter("A"), .letter("Z"), .underscore, .letter("Q")]
            return .missing(letters[Int(g.next() % 4)])
        case 2, 3: return .number(extremes[Int(g.next() % UInt64(extremes.count))])
        case 4: return .number(Double(Int64(bitPattern: g.next()) >> Int64(g.next() % 60)))
        default:
            var x: Double
            repeat { x = Double(bitPattern: g.next()) } while !x.isFinite
            return .number(x)
        }
    }

    /// A dataset; `ascii` keeps text ASCII, `specials` allows `.A`–`.Z`/`._`.
    static func make(seed: Int, ascii: Bool, specials: Bool) -> Dataset {
        var g = SplitMix(state: UInt64(bitPattern: Int64(seed)))
        let rows = Int(g.next() % 12)
        var dsLabel = String(text(&g, ascii: true).filter { $0.isASCII && $0 != "\n" && $0 != "\r" && $0 != "\t" }.prefix(40))
        while dsLabel.last == " " { dsLabel.removeLast() }
        var ds = Dataset(name: name(&g), label: dsLabel)
        var used = Set<String>()
        for k in 0..<(1 + Int(g.next() % 6)) {
            var n = name(&g)
            if used.contains(n) { n = "V\(k)" }
            used.insert(n)
            // XPT pads labels with blanks, so a label keeps no trailing blanks.
            var label = String(text(&g, ascii: true).filter { $0.isLetter || $0 == " " }.prefix(40))
            while label.last == " " { label.removeLast() }
            switch g.next() % 3 {
            case 0:
                let values = (0..<rows).map { _ in Value.character(text(&g, ascii: ascii)) }
                let longest = Column.longestByteLength(values)
                let length = min(200, longest + Int(g.next() % 5))
                ds.columns.append(Column(name: n, label: label, type: .character, length: length, values: values))
            case 1:
                // Dates: whole day numbers in 1900–2100 with DATE9., or missing.
                let values = (0..<rows).map { _ -> Value in
                    g.next() % 5 == 0 ? .dot : .number(Double(Int(g.next() % 73000) - 21900))
                }
                ds.columns.append(Column(name: n, label: label, type: .numeric, format: "DATE9.", values: values))
            default:
                let values = (0..<rows).map { _ in number(&g, specials: specials) }
                let format = g.next() % 3 == 0 ? "8.2" : nil
                ds.columns.append(Column(name: n, label: label, type: .numeric, format: format, values: values))
            }
        }
        return ds
    }
}

@Suite struct RoundTripPropertyTests {
    func withTemp<T>(_ ext: String, _ body: (String) throws -> T) rethrows -> T {
        let dir = NSTemporaryDirectory() + "datasetio-prop-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try body(dir + "/d." + ext)
    }

    /// XPT: values IBM can hold round-trip exactly (IEEE → IBM is exact); any other value is
    /// an error naming the first offending row and variable — never a silent change.
    @Test func xptRoundTripOrExactError() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            let ds = RandomDataset.make(seed: seed, ascii: true, specials: true)
            var firstBad: String?
            outer: for r in 0..<ds.rowCount {
                for c in ds.columns {
                    if case .number(let x) = c.values[r], case .failure = IBMFloat.encode(x) {
                        firstBad = "\(ds.name) row \(r + 1), \(c.name): error: numeric value"
                        break outer
                    }
                }
            }
            withTemp("xpt") { path in
                do {
                    try XPTWriter.write(ds, to: path)
                } catch {
                    #expect(firstBad != nil && "\(error)".hasPrefix(firstBad!), "seed \(seed): \(error)")
                    #expect(!FileManager.default.fileExists(atPath: path))
                    return
                }
                #expect(firstBad == nil, "seed \(seed): expected an error \(firstBad ?? "")")
                do {
                    let back = try XPTReader.read(path: path)[0]
                    // Trailing all-blank rows of a row shorter than 80 bytes are indistinguishable
                    // from padding (ReadStat drops them too): compare without them.
                    var expected = ds
                    let rowLength = ds.columns.reduce(0) { $0 + ($1.type == .numeric ? 8 : $1.length) }
                    if rowLength < 80 {
                        var n = ds.rowCount
                        while n > 0, ds.row(n - 1).allSatisfy({ $0 == .character("") }),
                              (n - 1) * rowLength > ((ds.rowCount * rowLength + 79) / 80) * 80 - 80 { n -= 1 }
                        expected = ds.selectingRows(Array(0..<n))
                    }
                    #expect(back == expected, "seed \(seed)")
                } catch {
                    Issue.record("seed \(seed): \(error)")
                }
            }
        }
    }

    /// Dataset-JSON and NDJSON: every finite double, -0.0, empty and 200-byte strings and any
    /// Unicode text round-trip exactly; special missings become `.` (Dataset-JSON has none).
    @Test func datasetJSONRoundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            let ds = RandomDataset.make(seed: seed, ascii: false, specials: true)
            var expected = ds
            for k in expected.columns.indices {
                expected.columns[k].values = expected.columns[k].values.map { if case .missing = $0 { return .dot } else { return $0 } }
            }
            for form in ["json", "ndjson"] {
                withTemp(form) { path in
                    do {
                        try DatasetFile.write(ds, to: path)
                        let back = try DatasetFile.read(path: path)
                        #expect(back == expected, "seed \(seed) \(form)")
                        for (a, b) in zip(back.columns, expected.columns) {
                            for (x, y) in zip(a.values, b.values) {
                                if case .number(let p) = x, case .number(let q) = y { #expect(p.bitPattern == q.bitPattern) }
                            }
                        }
                    } catch {
                        Issue.record("seed \(seed) \(form): \(error)")
                    }
                }
            }
        }
    }

    /// CSV with its metadata side-file keeps everything, special missings included.
    @Test func csvRoundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            let ds = RandomDataset.make(seed: seed, ascii: false, specials: true)
            withTemp("csv") { path in
                do {
                    try DatasetFile.write(ds, to: path)
                    let back = try DatasetFile.read(path: path)
                    #expect(back == ds, "seed \(seed)")
                } catch {
                    Issue.record("seed \(seed): \(error)")
                }
            }
        }
    }
}
