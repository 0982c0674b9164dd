import Foundation
import Testing
import TrialCore
@testable import ADaM

/// QLQ-C30 scoring checked against hand calculations (FORMATS.md §f, Scoring Manual formulas),
/// for each scale type with all items, exactly half, and fewer than half answered.
@Suite struct QLQC30ScoringTests {
    func scale(_ code: String) -> QLQC30Scoring.Scale { QLQC30Scoring.scales.first { $0.code == code }! }
    func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

    @Test func functionalScale() {
        // PF2 items 1–5 = 1,2,1,1,1: RS = 1.2, S = (1 − 0.2/3)·100 = 93.333…
        #expect(close(QLQC30Scoring.score(scale("PF2"), items: [1: 1, 2: 2, 3: 1, 4: 1, 5: 1]), 280.0 / 3))
        // 3 of 5 answered (2, 3, 4): RS = 3, S = (1 − 2/3)·100 = 33.333…
        #expect(close(QLQC30Scoring.score(scale("PF2"), items: [3: 2, 4: 3, 5: 4]), 100.0 / 3))
        // 2 of 5 answered: fewer than half → missing.
        #expect(QLQC30Scoring.score(scale("PF2"), items: [1: 2, 2: 2]) == nil)
        // RF2 (2 items) with one answered (= half): item 6 = 3 → S = 33.333…
        #expect(close(QLQC30Scoring.score(scale("RF2"), items: [6: 3]), 100.0 / 3))
        #expect(QLQC30Scoring.score(scale("RF2"), items: [:]) == nil)
        // EF (4 items) with 2 answered (2 and 4): RS = 3 → 33.333…; with one answered → missing.
        #expect(close(QLQC30Scoring.score(scale("EF"), items: [21: 2, 24: 4]), 100.0 / 3))
        #expect(QLQC30Scoring.score(scale("EF"), items: [22: 1]) == nil)
    }

    @Test func symptomScale() {
        // FA items 10, 12, 18 = 2,3,2: RS = 7/3, S = (4/3)/3·100 = 44.444…
        #expect(close(QLQC30Scoring.score(scale("FA"), items: [10: 2, 12: 3, 18: 2]), 400.0 / 9))
        // Item 12 missing: RS = 2 → 33.333…
        #expect(close(QLQC30Scoring.score(scale("FA"), items: [10: 2, 18: 2]), 100.0 / 3))
        // One of three: missing.
        #expect(QLQC30Scoring.score(scale("FA"), items: [10: 4]) == nil)
        // Single item DY (item 8) = 3: 66.666…; missing item → missing.
        #expect(close(QLQC30Scoring.score(scale("DY"), items: [8: 3]), 200.0 / 3))
        #expect(QLQC30Scoring.score(scale("DY"), items: [9: 3]) == nil)
    }

    @Test func globalHealthStatus() {
        // QL2 items 29, 30 = 5, 6: RS = 5.5, S = 4.5/6·100 = 75.
        #expect(close(QLQC30Scoring.score(scale("QL2"), items: [29: 5, 30: 6]), 75))
        // Item 30 missing (half answered): RS = 5 → 66.666…
        #expect(close(QLQC30Scoring.score(scale("QL2"), items: [29: 5]), 200.0 / 3))
        #expect(QLQC30Scoring.score(scale("QL2"), items: [1: 1]) == nil)
        #expect(close(QLQC30Scoring.score(scale("QL2"), items: [29: 7, 30: 7]), 100))
    }

    @Test func summaryScore() {
        // Every item 1 (items 29/30 = 1): functional 100, symptoms 0 → C30SUM 100; QL2 = 0.
        var best: [Int: Double] = [:]
        for i in 1...30 { best[i] = 1 }
        let s1 = QLQC30Scoring.scoreAll(items: best)
        #expect(close(s1["C30SUM"]!, 100))
        #expect(close(s1["QL2"]!, 0))
        // PF2 = 280/3 (items 1–5 = 1,2,1,1,1), FA = 400/9 (2,3,2), rest best:
        // C30SUM = (280/3 + 4·100 + (100 − 400/9) + 7·100)/13 = 11240/117.
        var mixed = best
        mixed[2] = 2; mixed[10] = 2; mixed[12] = 3; mixed[18] = 2
        #expect(close(QLQC30Scoring.scoreAll(items: mixed)["C30SUM"]!, 11240.0 / 117))
        // DY missing → summary missing; FI and QL2 missing do not matter.
        var noDY = mixed
        noDY[8] = nil
        #expect(QLQC30Scoring.scoreAll(items: noDY)["C30SUM"]! == nil)
        var noFI = mixed
        noFI[28] = nil; noFI[29] = nil; noFI[30] = nil
        #expect(close(QLQC30Scoring.scoreAll(items: noFI)["C30SUM"]!, 11240.0 / 117))
    }

    @Test func itemNumbers() {
        #expect(QLQC30Scoring.itemNumber(testcd: "EOR0101") == 1)
        #expect(QLQC30Scoring.itemNumber(testcd: "EOR0130") == 30)
        #expect(QLQC30Scoring.itemNumber(testcd: "EOR0131") == nil)
        #expect(QLQC30Scoring.itemNumber(testcd: "QSALL") == nil)
        #expect(QLQC30Scoring.isValid(7, item: 29) && !QLQC30Scoring.isValid(5, item: 28) && !QLQC30Scoring.isValid(2.5, item: 1))
    }

    /// The external reference: random.cdisc.data's ADQLQC scales (7,200 values, 45 evaluations
    /// with partially missing items) recomputed from its QS items through the ADQS derivation.
    @Test func externalReferenceRandomCDISCData() throws {
        guard let shared = TestSupport.sharedFolder else {
            print("skipped: ../shared not found (external QLQ-C30 reference)")
            return
        }
        let dir = shared.appendingPathComponent("external/random-cdisc-data")
        let items = try TestSupport.readSimpleCSV(dir.appendingPathComponent("qlqc30_items_qs.csv"))
        let ref = try TestSupport.readSimpleCSV(dir.appendingPathComponent("qlqc30_scales_reference.csv"))
        let qs = TestSupport.dataset("QS", items.header, items.rows, numeric: ["VISITNUM", "QSSEQ"])
        let (adqs, diags) = ADQSDerivation.derive(sdtm: SDTMData(["QS": qs]), adsl: nil, config: ADQSConfig(), visits: .monthly())
        #expect(diags.isEmpty)
        var got: [String: Value] = [:]
        for r in 0..<adqs.rowCount {
            got[adqs.text("USUBJID", row: r) + "|" + adqs.text("VISIT", row: r) + "|" + adqs.text("PARAMCD", row: r)] = adqs.value("AVAL", row: r)!
        }
        let h = Dictionary(uniqueKeysWithValues: ref.header.enumerated().map { ($1, $0) })
        var compared = 0, missing = 0, partial = 0
        for row in ref.rows {
            let code = String(row[h["PARAMCD"]!].dropFirst("QS028".count))
            let key = row[h["USUBJID"]!] + "|" + row[h["AVISIT"]!] + "|" + code
            let expected = Double(row[h["AVAL"]!])
            let actual = got[key]
            #expect(actual != nil, "no ADQS row for \(key)")
            if let expected {
                #expect(actual?.number.map { abs($0 - expected) < 1e-9 } == true, "\(key): \(String(describing: actual)) vs \(expected)")
            } else {
                #expect(actual?.isMissing == true, "\(key) should be missing")
                missing += 1
            }
            compared += 1
        }
        // Count scale evaluations with some but not all items answered (the half-items rule).
        var answered: [String: Set<Int>] = [:]
        let ih = Dictionary(uniqueKeysWithValues: items.header.enumerated().map { ($1, $0) })
        for row in items.rows where !row[ih["QSSTRESC"]!].isEmpty {
            answered[row[ih["USUBJID"]!] + "|" + row[ih["VISIT"]!], default: []].insert(QLQC30Scoring.itemNumber(testcd: row[ih["QSTESTCD"]!])!)
        }
        for (_, set) in answered {
            for s in QLQC30Scoring.scales {
                let k = s.items.filter { set.contains($0) }.count
                if k > 0 && k < s.items.count { partial += 1 }
            }
        }
        #expect(compared == 7200)
        #expect(missing == 19)
        #expect(partial == 45)
    }
}
