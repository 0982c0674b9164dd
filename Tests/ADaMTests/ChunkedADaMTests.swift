import EDCImport
import Foundation
import SDTM
import Testing
import TrialCore
@testable import ADaM

/// `ChunkedADaMDerivation` on the embedded study (`examples/crlm`, 240 subjects): the SDTM is
/// cut into chunks of whole subjects by USUBJID range, each chunk derived on its own, and the
/// chunks' datasets concatenated in chunk order must equal `deriveAll` on the whole SDTM
/// (values, row order, labels, types, lengths, formats, keys), and the merged diagnostics
/// must equal the whole derivation's diagnostics (same order, study row numbers).
@Suite struct ChunkedADaMTests {
    /// The example's SDTM datasets by name, or `nil` when the example is absent.
    static func exampleSDTM() throws -> (sdtm: [String: Dataset], config: ADaMConfig, specs: SpecLibrary)? {
        let root = TestSupport.packageRoot
        let example = root.appendingPathComponent("examples/crlm")
        guard FileManager.default.fileExists(atPath: example.appendingPathComponent("study.yaml").path) else { return nil }
        let dir = try StudyDirectory.load(directory: example.path)
        let mapping = try StudyMapping.load(directory: dir.mapping)
        let specs = try SpecLibrary.load(from: root.appendingPathComponent("specs").path)
        let bound = try Binder.bind(csvDirectory: try #require(dir.export.csv), mapping: mapping)
        let sdtm = try SDTMMapper(specs: specs, dictionary: try #require(mapping.codingDictionary)).map(bound.study)
        var byName: [String: Dataset] = [:]
        for d in sdtm.datasets { byName[d.name] = d }
        return (byName, try ADaMConfig.load(mappingDirectory: dir.mapping), specs)
    }

    /// Cuts `sdtm` into `count` chunks of whole subjects: the sorted distinct USUBJIDs of all
    /// datasets split into `count` ranges of (nearly) equal size; rows without USUBJID go to
    /// the first chunk. Every chunk holds every dataset (possibly without rows).
    static func chunks(_ sdtm: [String: Dataset], count: Int) -> [[String: Dataset]] {
        var ids = Set<String>()
        for d in sdtm.values { if let c = d.column("USUBJID") { for v in c.values where !v.text.isEmpty { ids.insert(v.text) } } }
        let sorted = ids.sorted()
        var chunkOf: [String: Int] = [:]
        for (i, id) in sorted.enumerated() { chunkOf[id] = i * count / sorted.count }
        var out = [[String: Dataset]](repeating: [:], count: count)
        for (name, d) in sdtm {
            let ids = d.column("USUBJID")?.values.map(\.text)
            for k in 0..<count {
                out[k][name] = d.filteringRows { r in (ids.map { chunkOf[$0[r]] ?? 0 } ?? 0) == k }
            }
        }
        return out
    }

    /// The rows of `parts` one after another: metadata of the first part, character lengths
    /// the longest over the parts.
    static func concatenate(_ parts: [Dataset]) -> Dataset {
        var out = parts[0]
        for p in parts.dropFirst() {
            for c in out.columns.indices {
                let other = p.columns[c]
                out.columns[c].values += other.values
                out.columns[c].length = max(out.columns[c].length, other.length)
            }
        }
        return out
    }

    /// Derives `sdtm` whole and in `count` chunks and checks that both give the same result.
    /// The whole study is the chunks concatenated (the files a chunked pipeline writes).
    func checkChunkedEqualsWhole(_ sdtm: [String: Dataset], count: Int, config: ADaMConfig, specs: SpecLibrary?) throws {
        let parts = Self.chunks(sdtm, count: count)
        var whole: [String: Dataset] = [:]
        for name in sdtm.keys { whole[name] = Self.concatenate(parts.map { $0[name]! }) }
        let expected = try ADaMDerivation.deriveAll(sdtm: whole, config: config, specs: specs)

        var chunked = ChunkedADaMDerivation(config: config, specs: specs)
        var results: [ADaMResult] = []
        for p in parts { results.append(try chunked.derive(sdtm: p)) }
        #expect(chunked.chunkCount == count)
        #expect(results.allSatisfy { $0.adsl.rowCount > 0 })
        let final = chunked.finish()
        for k in 0..<4 {
            let got = Self.concatenate(results.map { $0.datasets[k] })
            let want = expected.datasets[k]
            #expect(got.rowCount == want.rowCount, "\(want.name) rows")
            #expect(got.columnNames == want.columnNames, "\(want.name) columns")
            for (a, b) in zip(got.columns, want.columns) where a != b {
                Issue.record("\(want.name).\(b.name) differs: length \(a.length) vs \(b.length), label \(a.label) vs \(b.label), values equal: \(a.values == b.values)")
            }
            #expect(got == want, "\(want.name) chunked == whole")
            // finish(): the metadata without rows.
            var meta = want
            for c in meta.columns.indices { meta.columns[c].values = [] }
            #expect(final.datasets[k] == meta, "\(want.name) metadata")
        }
        #expect(final.diagnostics.count == expected.diagnostics.count)
        for (a, b) in zip(final.diagnostics, expected.diagnostics) where a != b {
            Issue.record("diagnostic differs: \(a) vs \(b)")
            break
        }
        #expect(final.diagnostics == expected.diagnostics)
        // Each chunk's own diagnostics already carry study row numbers.
        let records = results.flatMap(\.diagnostics).filter {
            if case .dataset(_, let row, _) = $0.location { return row >= 1 }
            return false
        }
        let wholeRecords = expected.diagnostics.filter {
            if case .dataset(_, let row, _) = $0.location { return row >= 1 }
            return false
        }
        #expect(Set(records) == Set(wholeRecords))
    }

    @Test func exampleInThreeChunksEqualsWhole() throws {
        guard let (sdtm, config, specs) = try Self.exampleSDTM() else { print("skipped: examples/crlm not found"); return }
        try checkChunkedEqualsWhole(sdtm, count: 3, config: config, specs: specs)
    }

    @Test func exampleInOneChunkEqualsWhole() throws {
        guard let (sdtm, config, specs) = try Self.exampleSDTM() else { print("skipped: examples/crlm not found"); return }
        try checkChunkedEqualsWhole(sdtm, count: 1, config: config, specs: specs)
    }

    /// Without specs, character lengths are the longest value: they differ between chunks and
    /// the merged metadata must give the whole study's.
    @Test func withoutSpecsLengthsAreTheLongestOverChunks() throws {
        guard let (sdtm, config, _) = try Self.exampleSDTM() else { print("skipped: examples/crlm not found"); return }
        try checkChunkedEqualsWhole(sdtm, count: 3, config: config, specs: nil)
        // The check is not vacuous: some chunk has a shorter column than the whole study.
        let parts = Self.chunks(sdtm, count: 3)
        let lengths = try parts.map { p in
            try ADaMDerivation.deriveAll(sdtm: p, config: config).datasets.flatMap { $0.columns.map(\.length) }
        }
        #expect(Set(lengths).count > 1)
    }

    /// Faults in several chunks: a malformed AE start date (chunk 2), a toxicity grade 9
    /// (chunk 3), a non-numeric questionnaire answer (chunk 1), and a QS without QSSEQ (the
    /// questionnaire order falls back to the study row number). Warnings carry study rows.
    @Test func seededFaultsGiveTheWholeStudysDiagnostics() throws {
        guard let (clean, config, specs) = try Self.exampleSDTM() else { print("skipped: examples/crlm not found"); return }
        var sdtm = clean
        let parts = Self.chunks(clean, count: 3)
        func firstRow(of name: String, inChunk k: Int) throws -> Int {
            let id = try #require(parts[k][name]).text("USUBJID", row: 0)
            return try #require((0..<sdtm[name]!.rowCount).first { sdtm[name]!.text("USUBJID", row: $0) == id })
        }
        func set(_ name: String, _ variable: String, row: Int, _ value: Value) {
            let c = sdtm[name]!.columnIndex(variable)!
            sdtm[name]!.columns[c].values[row] = value
        }
        let aeRow2 = try firstRow(of: "AE", inChunk: 1)
        set("AE", "AESTDTC", row: aeRow2, .character("2021-13-45"))
        let aeRow3 = try firstRow(of: "AE", inChunk: 2) + 1
        set("AE", "AETOXGR", row: aeRow3, .character("9"))
        let qsRow1 = try firstRow(of: "QS", inChunk: 0) + 2
        set("QS", "QSSTRESN", row: qsRow1, .dot)
        set("QS", "QSSTRESC", row: qsRow1, .character("ABC"))
        sdtm["QS"]!.columns.removeAll { $0.name == "QSSEQ" }
        try checkChunkedEqualsWhole(sdtm, count: 3, config: config, specs: specs)

        // The whole derivation reports the three faults at their study rows.
        let whole = try ADaMDerivation.deriveAll(sdtm: sdtm, config: config, specs: specs)
        let locations = whole.diagnostics.map(\.location)
        #expect(locations.contains(.dataset(name: "AE", row: aeRow2 + 1, variable: "AESTDTC")))
        #expect(locations.contains(.dataset(name: "QS", row: qsRow1 + 1, variable: "QSSTRESC")))
        #expect(whole.diagnostics.contains { $0.value == "9" && $0.message.contains("toxicity grade") })
    }

    /// An error in a later chunk names the study's row (a duplicate DM record).
    @Test func errorInALaterChunkNamesTheStudyRow() throws {
        guard let (clean, config, specs) = try Self.exampleSDTM() else { print("skipped: examples/crlm not found"); return }
        let parts = Self.chunks(clean, count: 3)
        var third = parts[2]
        var dm = third["DM"]!
        dm = Self.concatenate([dm, dm.selectingRows([0])])
        third["DM"] = dm
        var chunked = ChunkedADaMDerivation(config: config, specs: specs)
        _ = try chunked.derive(sdtm: parts[0])
        _ = try chunked.derive(sdtm: parts[1])
        let before = parts[0]["DM"]!.rowCount + parts[1]["DM"]!.rowCount
        let error = #expect(throws: InputError.self) { try chunked.derive(sdtm: third) }
        #expect(error?.diagnostics.first?.location == .dataset(name: "DM", row: before + dm.rowCount, variable: "USUBJID"))
        // The same DM whole gives the same location.
        var whole: [String: Dataset] = [:]
        for name in clean.keys { whole[name] = Self.concatenate([parts[0][name]!, parts[1][name]!, third[name]!]) }
        let wholeError = #expect(throws: InputError.self) { try ADaMDerivation.deriveAll(sdtm: whole, config: config, specs: specs) }
        #expect(wholeError?.diagnostics.first?.location == error?.diagnostics.first?.location)
    }

    /// The pipeline's path: SDTM chunks from `SDTMMapper.mapInChunks` (80 subjects each, as
    /// mapped, with their own column lengths) derived chunk by chunk equal `deriveAll` on `map`.
    @Test func mapperChunksGiveTheWholeDerivation() throws {
        let root = TestSupport.packageRoot
        let example = root.appendingPathComponent("examples/crlm")
        guard FileManager.default.fileExists(atPath: example.appendingPathComponent("study.yaml").path) else { return }
        let dir = try StudyDirectory.load(directory: example.path)
        let mapping = try StudyMapping.load(directory: dir.mapping)
        let specs = try SpecLibrary.load(from: root.appendingPathComponent("specs").path)
        let config = try ADaMConfig.load(mappingDirectory: dir.mapping)
        let bound = try Binder.bind(csvDirectory: try #require(dir.export.csv), mapping: mapping)
        let mapper = SDTMMapper(specs: specs, dictionary: try #require(mapping.codingDictionary))
        var whole: [String: Dataset] = [:]
        for d in try mapper.map(bound.study).datasets { whole[d.name] = d }
        let expected = try ADaMDerivation.deriveAll(sdtm: whole, config: config, specs: specs)
        var chunked = ChunkedADaMDerivation(config: config, specs: specs)
        var parts: [ADaMResult] = []
        _ = try mapper.mapInChunks(bound.study, subjectsPerChunk: 80) { (chunk: SDTMResult) throws(InputError) in
            var byName: [String: Dataset] = [:]
            for d in chunk.datasets { byName[d.name] = d }
            parts.append(try chunked.derive(sdtm: byName))
        }
        #expect(parts.count == 3)
        for k in 0..<4 { #expect(Self.concatenate(parts.map { $0.datasets[k] }) == expected.datasets[k], "\(expected.datasets[k].name)") }
        #expect(chunked.finish().diagnostics == expected.diagnostics)
    }
}
