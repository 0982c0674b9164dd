import EDCImport
import Foundation
import SDTM
import Testing
import TrialCore
@testable import ADaM
@testable import Analysis

/// The example study's ADaM (examples/crlm: CSV export → EDCImport → SDTM → ADaM), derived once.
enum CRLMExample {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct ADaMSets: Sendable { let plan: AnalysisPlan; let adsl: Dataset; let adtte: Dataset; let adae: Dataset; let adqs: Dataset }

    static let adam: Result<ADaMSets, ExampleError> = {
        do {
            let example = root.appendingPathComponent("examples/crlm")
            let dir = try StudyDirectory.load(directory: example.path)
            let mapping = try StudyMapping.load(directory: dir.mapping)
            let specs = try SpecLibrary.load(from: root.appendingPathComponent("specs").path)
            guard let csv = dir.export.csv, let dictionary = mapping.codingDictionary else { throw ExampleError(message: "no CSV export") }
            let bound = try Binder.bind(csvDirectory: csv, mapping: mapping)
            let sdtm = try SDTMMapper(specs: specs, dictionary: dictionary).map(bound.study)
            var byName: [String: Dataset] = [:]
            for d in sdtm.datasets { byName[d.name] = d }
            let adam = try ADaMDerivation.deriveAll(sdtm: byName, config: try ADaMConfig.load(mappingDirectory: dir.mapping), specs: specs)
            let plan = try AnalysisPlan.load(path: (dir.mapping as NSString).appendingPathComponent("analysis.yaml"))
            return .success(ADaMSets(plan: plan, adsl: adam.adsl, adtte: adam.adtte, adae: adam.adae, adqs: adam.adqs))
        } catch {
            return .failure(ExampleError(message: "\(error)"))
        }
    }()

    struct ExampleError: Error, Sendable { let message: String }

    /// The rows of `ds` whose `variable` is one of `ids`.
    static func rows(_ ds: Dataset, _ variable: String, in ids: Set<String>) -> Dataset {
        ds.filteringRows { ids.contains(ds.text(variable, row: $0)) }
    }
}

/// QualityOfLifeAccumulator: ADQS added in chunks of subjects gives the same results.json as the
/// whole ADQS, the statistics equal `Descriptive.stats` of the raw values, and every misuse is a
/// typed error.
@Suite("QLQ-C30 accumulated chunk by chunk")
struct QualityOfLifeAccumulatorTests {
    @Test func threeSubjectChunksGiveTheSameResultsJSONAsTheWholeADQS() throws {
        let a = try CRLMExample.adam.get()
        let whole = try TrialAnalysis.run(plan: a.plan, adsl: a.adsl, adtte: a.adtte, adae: a.adae, adqs: a.adqs)
        let q = try #require(whole.qualityOfLife)
        #expect(q.cells.count > 100 && q.completion.count >= 2 * 9)

        let ids = (0..<a.adsl.rowCount).map { a.adsl.text("USUBJID", row: $0) }
        let thirds = [ids[..<(ids.count / 3)], ids[(ids.count / 3)..<(2 * ids.count / 3)], ids[(2 * ids.count / 3)...]].map { Set($0) }
        for order in [[0, 1, 2], [2, 0, 1]] {
            var acc = QualityOfLifeAccumulator(plan: a.plan)
            for k in order {
                try acc.add(adqs: CRLMExample.rows(a.adqs, "USUBJID", in: thirds[k]), adsl: CRLMExample.rows(a.adsl, "USUBJID", in: thirds[k]))
            }
            let chunked = try TrialAnalysis.run(plan: a.plan, adsl: a.adsl, adtte: a.adtte, adae: a.adae, qualityOfLife: acc)
            #expect(try chunked.jsonData() == whole.jsonData(), "chunk order \(order)")
        }
        // Chunks accumulated separately (as parallel tasks would) and merged in order.
        var merged = QualityOfLifeAccumulator(plan: a.plan)
        for k in 0..<3 {
            var part = QualityOfLifeAccumulator(plan: a.plan)
            try part.add(adqs: CRLMExample.rows(a.adqs, "USUBJID", in: thirds[k]), adsl: CRLMExample.rows(a.adsl, "USUBJID", in: thirds[k]))
            try merged.merge(part)
        }
        try merged.merge(QualityOfLifeAccumulator(plan: a.plan))   // an empty one changes nothing
        let fromMerged = try TrialAnalysis.run(plan: a.plan, adsl: a.adsl, adtte: a.adtte, adae: a.adae, qualityOfLife: merged)
        #expect(try fromMerged.jsonData() == whole.jsonData())
        // Merging a subject twice is an error.
        var twice = QualityOfLifeAccumulator(plan: a.plan)
        let first = CRLMExample.rows(a.adqs, "USUBJID", in: thirds[0]), firstADSL = CRLMExample.rows(a.adsl, "USUBJID", in: thirds[0])
        try twice.add(adqs: first, adsl: firstADSL)
        var again = QualityOfLifeAccumulator(plan: a.plan)
        try again.add(adqs: first.filteringRows { first.text("USUBJID", row: $0) == ids[0] }, adsl: firstADSL)
        #expect(throws: AnalysisError.badValue(dataset: "ADQS", row: 0, variable: "USUBJID", value: ids[0],
                                               expected: "all records of a subject in one chunk (the subject is in both accumulators)")) {
            try twice.merge(again)
        }
        // No chunk added: no QLQ-C30 summary, as without ADQS.
        let none = try TrialAnalysis.run(plan: a.plan, adsl: a.adsl, adtte: a.adtte, adae: a.adae,
                                         qualityOfLife: QualityOfLifeAccumulator(plan: a.plan))
        #expect(none.qualityOfLife == nil)
        #expect(try none.jsonData() == TrialAnalysis.run(plan: a.plan, adsl: a.adsl, adtte: a.adtte, adae: a.adae).jsonData())
    }

    /// Each cell recomputed from the raw ADQS rows with `Descriptive.stats` (row-order sums):
    /// n, median, min, max identical; mean and SD within 1e-13 relative.
    @Test func cellStatisticsEqualDescriptiveStatsOfTheRawValues() throws {
        let a = try CRLMExample.adam.get()
        let q = try #require(try TrialAnalysis.run(plan: a.plan, adsl: a.adsl, adtte: a.adtte, adqs: a.adqs).qualityOfLife)
        var raw: [String: (values: [Double], changes: [Double])] = [:]
        for r in 0..<a.adqs.rowCount where a.adqs.text("ANL01FL", row: r) == "Y" {
            let key = "\(a.adqs.text("PARAMCD", row: r))|\(a.adqs.text("TRT01P", row: r))|\(a.adqs.value("AVISITN", row: r)!.number!)"
            if let x = a.adqs.value("AVAL", row: r)?.number { raw[key, default: ([], [])].values.append(x) }
            if let x = a.adqs.value("CHG", row: r)?.number { raw[key, default: ([], [])].changes.append(x) }
        }
        func same(_ s: QualityOfLifeSummary.Stats, _ x: [Double], _ what: String) {
            let e = Descriptive.stats(x)
            #expect(s.n == e.n && s.median == e.median && s.min == e.min && s.max == e.max, "\(what)")
            for (got, want) in [(s.mean, e.mean), (s.sd, e.sd)] {
                #expect((got == nil) == (want == nil), "\(what)")
                if let got, let want { #expect(abs(got - want) <= 1e-13 * max(1, abs(want)), "\(what): \(got) vs \(want)") }
            }
        }
        #expect(q.cells.count == raw.values.filter { !$0.values.isEmpty }.count)
        for c in q.cells {
            let key = "\(c.paramcd)|\(c.group)|\(c.visitNumber)"
            let x = try #require(raw[key], "\(key)")
            same(c.value, x.values, key)
            same(c.change, x.changes, key + " change")
        }
    }

    /// Hand calculation: {0, 100/3, 100/3, 100}: n 4, mean 166.67/4 = 41.6667, median (type 7,
    /// h = 1.5) = 100/3, SD² = (41.67² + 2·8.33² + 58.33²)/3 = 1759.259…, SD 41.9435…
    @Test func histogramStatisticsByHand() {
        var h = ScoreHistogram()
        for x in [100.0 / 3, 100, 0, 100.0 / 3] { h.add(x) }
        let s = h.stats
        #expect(s.n == 4 && s.min == 0 && s.max == 100 && s.median == 100.0 / 3)
        #expect(abs(s.mean! - 125.0 / 3) < 1e-12)
        let ss = (125.0 / 3) * (125.0 / 3) + 2 * (25.0 / 3) * (25.0 / 3) + (175.0 / 3) * (175.0 / 3)
        #expect(abs(s.sd! - (ss / 3).squareRoot()) < 1e-12)
        #expect(abs(s.sd! - 41.94352464039306) < 1e-12)
        // Type 7 between different order statistics: {1, 2, 2, 5}: Q1 h = 0.75 → 1 + 0.75 = 1.75; Q3 h = 2.25 → 2 + 0.25·3 = 2.75.
        var k = ScoreHistogram()
        for x in [5.0, 2, 1, 2] { k.add(x) }
        #expect(k.quantile(0.25) == 1.75 && k.quantile(0.75) == 2.75 && k.quantile(0.5) == 2)
        // −0 and 0 are one value, reported as 0 whatever came first.
        var zeros = ScoreHistogram()
        zeros.add(-0.0); zeros.add(0)
        #expect(zeros.counts.count == 1 && zeros.stats.min!.sign == .plus && zeros.stats.median!.sign == .plus)
        // One value: no SD; none: everything nil.
        var one = ScoreHistogram()
        one.add(7)
        #expect(one.stats == .init(n: 1, mean: 7, sd: nil, median: 7, min: 7, max: 7))
        #expect(ScoreHistogram().stats == .init(n: 0, mean: nil, sd: nil, median: nil, min: nil, max: nil))
    }

    @Test func aSubjectSplitAcrossChunksIsAnError() throws {
        let a = try CRLMExample.adam.get()
        let first = a.adsl.text("USUBJID", row: 0)
        let one = CRLMExample.rows(a.adqs, "USUBJID", in: [first])
        let adsl = CRLMExample.rows(a.adsl, "USUBJID", in: [first])
        let firstHalf = one.filteringRows { $0 < one.rowCount / 2 }, secondHalf = one.filteringRows { $0 >= one.rowCount / 2 }
        var acc = QualityOfLifeAccumulator(plan: a.plan)
        try acc.add(adqs: firstHalf, adsl: adsl)
        let row = (0..<secondHalf.rowCount).first { secondHalf.text("ANL01FL", row: $0) == "Y" }! + 1
        #expect(throws: AnalysisError.badValue(dataset: "ADQS", row: row, variable: "USUBJID", value: first,
                                               expected: "all records of a subject in one chunk (the subject was in an earlier chunk)")) {
            try acc.add(adqs: secondHalf, adsl: adsl)
        }
    }

    @Test func subjectsMissingFromTheChunkADSLOrWithAnotherGroupAreErrors() throws {
        let a = try CRLMExample.adam.get()
        let ids = (0..<a.adsl.rowCount).map { a.adsl.text("USUBJID", row: $0) }
        let chunk = Set(ids.prefix(10))
        let adqs = CRLMExample.rows(a.adqs, "USUBJID", in: chunk)
        // The chunk's ADSL lacks the subject of the first analysed ADQS row.
        var acc = QualityOfLifeAccumulator(plan: a.plan)
        let r0 = (0..<adqs.rowCount).first { adqs.text("ANL01FL", row: $0) == "Y" }!
        let missing = adqs.text("USUBJID", row: r0)
        #expect(throws: AnalysisError.badValue(dataset: "ADQS", row: r0 + 1, variable: "USUBJID", value: missing, expected: "a subject present in ADSL")) {
            try acc.add(adqs: adqs, adsl: CRLMExample.rows(a.adsl, "USUBJID", in: chunk.subtracting([missing])))
        }
        // The chunk's ADSL gives a subject the other group than ADSL does.
        var chunkADSL = CRLMExample.rows(a.adsl, "USUBJID", in: chunk)
        let g = chunkADSL.columnIndex("TRT01P")!
        let was = chunkADSL.columns[g].values[0].text
        let subject = chunkADSL.text("USUBJID", row: 0)
        chunkADSL.columns[g].values[0] = .character(was == "GROUP I" ? "GROUP II" : "GROUP I")
        var acc2 = QualityOfLifeAccumulator(plan: a.plan)
        try acc2.add(adqs: adqs, adsl: chunkADSL)
        let other = was == "GROUP I" ? "GROUP II" : "GROUP I"
        #expect(throws: AnalysisError.badValue(dataset: "ADQS", row: 0, variable: "USUBJID", value: subject,
                                               expected: "the group of ADSL (\(was)), not \(other) (the chunk's ADSL)")) {
            _ = try TrialAnalysis.run(plan: a.plan, adsl: a.adsl, adtte: a.adtte, qualityOfLife: acc2)
        }
        // A score that is not a finite number.
        var bad = adqs
        let v = bad.columnIndex("AVAL")!
        let r = (0..<bad.rowCount).first { bad.text("ANL01FL", row: $0) == "Y" }!
        bad.columns[v].values[r] = .character("inf")
        var acc3 = QualityOfLifeAccumulator(plan: a.plan)
        #expect(throws: AnalysisError.badValue(dataset: "ADQS", row: r + 1, variable: "AVAL", value: Value.format(.infinity), expected: "a finite number")) {
            try acc3.add(adqs: bad, adsl: CRLMExample.rows(a.adsl, "USUBJID", in: chunk))
        }
        // A plan variable missing from ADQS.
        var noCHG = adqs
        noCHG.columns.removeAll { $0.name == "CHG" }
        var acc4 = QualityOfLifeAccumulator(plan: a.plan)
        #expect(throws: AnalysisError.missingVariable(dataset: "ADQS", variable: "CHG")) {
            try acc4.add(adqs: noCHG, adsl: chunkADSL)
        }
    }
}
