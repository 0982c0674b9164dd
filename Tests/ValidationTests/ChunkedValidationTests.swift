import ADaM
import EDCImport
import Foundation
import SDTM
import Testing
import TrialCore
@testable import Validation

/// `ChunkedValidation` against `Validator.validate` on the concatenated study: the embedded
/// study's SDTM + ADaM (`examples/crlm`) cut into chunks of whole subjects by USUBJID range,
/// clean and with faults seeded in several chunks, must give the identical report (datasets,
/// rule outcomes, findings in report order; timings aside).
@Suite struct ChunkedValidationTests {
    /// The package root.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The example's SDTM and ADaM datasets, the specs and the validation settings (`nil`
    /// when the example is absent).
    static func example() throws -> (datasets: [Dataset], specs: SpecLibrary, settings: ValidationConfiguration)? {
        let root = packageRoot
        let example = root.appendingPathComponent("examples/crlm")
        guard FileManager.default.fileExists(atPath: example.appendingPathComponent("study.yaml").path) else { return nil }
        let dir = try StudyDirectory.load(directory: example.path)
        let mapping = try StudyMapping.load(directory: dir.mapping)
        let specsFolder = root.appendingPathComponent("specs").path
        let specs = try SpecLibrary.load(from: specsFolder)
        let bound = try Binder.bind(csvDirectory: try #require(dir.export.csv), mapping: mapping)
        let sdtm = try SDTMMapper(specs: specs, dictionary: try #require(mapping.codingDictionary)).map(bound.study)
        var byName: [String: Dataset] = [:]
        for d in sdtm.datasets { byName[d.name] = d }
        let adam = try ADaMDerivation.deriveAll(sdtm: byName, config: try ADaMConfig.load(mappingDirectory: dir.mapping), specs: specs)
        return (sdtm.datasets + adam.datasets, specs, try ValidationConfiguration.load(specsFolder: specsFolder))
    }

    /// `datasets` cut into `count` chunks of whole subjects (sorted distinct USUBJIDs split in
    /// `count` equal ranges; rows without USUBJID in the first chunk); every chunk holds every
    /// dataset, possibly without rows.
    static func chunks(_ datasets: [Dataset], count: Int) -> [[Dataset]] {
        var ids = Set<String>()
        for d in datasets { if let c = d.column("USUBJID") { for v in c.values where !v.text.isEmpty { ids.insert(v.text) } } }
        let sorted = ids.sorted()
        var chunkOf: [String: Int] = [:]
        for (i, id) in sorted.enumerated() { chunkOf[id] = i * count / sorted.count }
        return (0..<count).map { k in
            datasets.map { d in
                let ids = d.column("USUBJID")?.values.map(\.text)
                return d.filteringRows { r in (ids.map { chunkOf[$0[r]] ?? 0 } ?? 0) == k }
            }
        }
    }

    /// The chunks' rows one after another, dataset by dataset (metadata of the first chunk,
    /// character lengths the longest over the chunks: what a chunked writer declares).
    static func concatenate(_ chunks: [[Dataset]]) -> [Dataset] {
        chunks[0].indices.map { i in
            var out = chunks[0][i]
            for chunk in chunks.dropFirst() {
                for c in out.columns.indices {
                    out.columns[c].values += chunk[i].columns[c].values
                    out.columns[c].length = max(out.columns[c].length, chunk[i].columns[c].length)
                }
            }
            return out
        }
    }

    /// `report` without timings (which differ between any two runs).
    static func untimed(_ report: ValidationReport) -> ValidationReport {
        var r = report
        for i in r.rules.indices { r.rules[i].seconds = nil; r.rules[i].cpuSeconds = nil }
        return r
    }

    /// Validates the concatenated chunks at once and chunk by chunk; both reports must be equal.
    @discardableResult
    static func checkChunkedEqualsWhole(_ chunks: [[Dataset]], specs: SpecLibrary,
                                        settings: ValidationConfiguration) -> ValidationReport {
        let validator = Validator(configuration: settings)
        let whole = untimed(validator.validate(datasets: concatenate(chunks), specs: specs))
        var chunked = ChunkedValidation(validator: validator, specs: specs)
        for c in chunks { chunked.add(c) }
        #expect(chunked.chunkCount == chunks.count)
        let got = untimed(chunked.finish())
        #expect(got.datasets == whole.datasets)
        for (a, b) in zip(got.rules, whole.rules) where a != b { Issue.record("rule \(b.id): \(a) vs \(b)") }
        #expect(got.findings.count == whole.findings.count)
        let missing = whole.findings.filter { !got.findings.contains($0) }
        let extra = got.findings.filter { !whole.findings.contains($0) }
        for f in missing.prefix(5) { Issue.record("missing chunked: \(f.ruleID) \(f.location): \(f.message)") }
        for f in extra.prefix(5) { Issue.record("extra chunked: \(f.ruleID) \(f.location): \(f.message)") }
        #expect(got.findings == whole.findings, "same findings in the same order")
        #expect(got == whole)
        return whole
    }

    @Test func cleanExampleInThreeChunksAndInOne() throws {
        guard let (datasets, specs, settings) = try Self.example() else { print("skipped: examples/crlm not found"); return }
        for count in [1, 3] {
            let parts = Self.chunks(datasets, count: count)
            #expect(parts.allSatisfy { $0.first { $0.name == "DM" }!.rowCount > 0 })
            let report = Self.checkChunkedEqualsWhole(parts, specs: specs, settings: settings)
            #expect(report.executedRuleCount > 30)
        }
    }

    /// Faults in every chunk, several of them only visible across chunks; each is asserted in
    /// the whole report first (so the comparison is not vacuous).
    @Test func seededFaultsInSeveralChunks() throws {
        guard let (clean, specs, settings) = try Self.example() else { print("skipped: examples/crlm not found"); return }
        var parts = Self.chunks(clean, count: 3)
        func index(_ name: String) -> Int { parts[0].firstIndex { $0.name == name }! }
        func set(_ k: Int, _ name: String, _ variable: String, row: Int, _ value: Value) {
            let c = parts[k][index(name)].columnIndex(variable)!
            parts[k][index(name)].columns[c].values[row] = value
        }
        let rows = { (k: Int, name: String) in parts[k][index(name)].rowCount }
        let before = { (k: Int, name: String) in (0..<k).reduce(0) { $0 + rows($1, name) } }

        // Chunk 1: an impossible date (TD0301, a record rule).
        set(0, "AE", "AESTDTC", row: 0, .character("2021-02-30"))
        // Chunk 2: a duplicated AESEQ (TD0401: the message names the earlier record by its study number).
        let ae2 = parts[1][index("AE")]
        let seqRow = try #require((0..<(ae2.rowCount - 1)).first { ae2.text("USUBJID", row: $0) == ae2.text("USUBJID", row: $0 + 1) })
        set(1, "AE", "AESEQ", row: seqRow + 1, ae2.value("AESEQ", row: seqRow)!)
        // Chunk 3: a second DM record for a subject (TD0404), a QSTEST that differs from the
        // name its QSTESTCD has in chunk 1 (TD0204: only visible across chunks).
        let dm3 = index("DM")
        parts[2][dm3] = parts[2][dm3].selectingRows(Array(0..<rows(2, "DM")) + [0])
        let qsRow = (0..<rows(2, "QS")).first { parts[2][index("QS")].text("QSTESTCD", row: $0) == "EOR0101" }!
        set(2, "QS", "QSTEST", row: qsRow, .character("Trouble doing strenuous things"))
        // Chunk 2: PARAM of OS renamed on one ADTTE record (TD0806 across chunks).
        let osRow = (0..<rows(1, "ADTTE")).first { parts[1][index("ADTTE")].text("PARAMCD", row: $0) == "OS" }!
        set(1, "ADTTE", "PARAM", row: osRow, .character("Overall Survival (months)"))
        // Chunks 1 and 3: SRCDOM naming a dataset not in the input (TD0805: one notice, 2 records).
        set(0, "ADTTE", "SRCDOM", row: 0, .character("ZZ"))
        set(2, "ADTTE", "SRCDOM", row: 1, .character("ZZ"))
        // Chunk 2: DM.SEX declared 20 bytes long (spec: 16), no value longer (TD0107 declaration, once).
        parts[1][dm3].columns[parts[1][dm3].columnIndex("SEX")!].length = 20
        // Chunk 3: a one-byte AESER holding two bytes (TD0107 record).
        set(2, "AE", "AESER", row: 0, .character("YY"))
        // Every chunk: a dataset without spec (TD0101 counts its records over the chunks) with a
        // numeric --DTC whose first value is in chunk 2 (TD0301 once) and a key without USUBJID
        // repeated in chunks 1 and 3 (TD0402 across chunks).
        for k in 0..<3 {
            let ids = parts[k][dm3].column("USUBJID")!.values.prefix(2).map(\.text)
            parts[k].append(Dataset(name: "XX", columns: [
                .character("USUBJID", ids),
                .character("XXID", k == 1 ? ["B1", "B2"] : ["A1", "A\(k + 2)"]),
                .numeric("XXDTC", k == 0 ? [nil, nil] : [Double(22_000 + k), nil]),
            ], keys: ["XXID"]))
        }

        let whole = Self.checkChunkedEqualsWhole(parts, specs: specs, settings: settings)
        func messages(_ id: String) -> [String] { whole.findings(ofRule: id).map(\.message) }
        #expect(whole.findings(ofRule: "TD0301").contains { $0.value == "2021-02-30" && $0.row == 1 })
        #expect(messages("TD0301").filter { $0.contains("XXDTC is numeric (e.g. 22001") }.count == 1)
        #expect(messages("TD0401").contains { $0.contains("also used by record \(before(1, "AE") + seqRow + 1)") })
        #expect(whole.findings(ofRule: "TD0404").contains { $0.row == before(2, "DM") + rows(2, "DM") })
        #expect(messages("TD0204").contains { $0.contains("Trouble doing strenuous things") })
        #expect(messages("TD0806").contains { $0.contains("Overall Survival (months)") })
        #expect(messages("TD0805") == ["SRCDOM ZZ is referenced by 2 record(s) but ZZ is not in the input; these references were not checked"])
        #expect(whole.findings(ofRule: "TD0805").first?.row == 1)
        #expect(messages("TD0107").contains { $0.contains("SEX is declared with length 20") })
        #expect(whole.findings(ofRule: "TD0107").contains { $0.value == "YY" && $0.row == before(2, "AE") + 1 })
        #expect(messages("TD0101").filter { $0.hasPrefix("XX (SDTM, 6 records)") }.count == 1)
        #expect(messages("TD0402").contains { $0 == "record 5 has the same key as record 1 (XXID=A1)" })
    }

    /// A chunk that lacks a dataset of earlier chunks validates as if it were there, empty.
    @Test func aMissingDatasetInALaterChunkStandsEmpty() throws {
        guard let (clean, specs, settings) = try Self.example() else { print("skipped: examples/crlm not found"); return }
        var parts = Self.chunks(clean, count: 3)
        let pr = parts[2].firstIndex { $0.name == "PR" }!
        parts[2][pr] = parts[2][pr].filteringRows { _ in false }
        let whole = Self.untimed(Validator(configuration: settings).validate(datasets: Self.concatenate(parts), specs: specs))
        var chunked = ChunkedValidation(validator: Validator(configuration: settings), specs: specs)
        chunked.add(parts[0])
        chunked.add(parts[1])
        chunked.add(parts[2].filter { $0.name != "PR" })
        #expect(Self.untimed(chunked.finish()) == whole)
    }

    /// The pipeline's path: SDTM chunks from `SDTMMapper.mapInChunks` (80 subjects), ADaM from
    /// `ChunkedADaMDerivation`, validated chunk by chunk, equal the whole study validated at once.
    @Test func mapperAndADaMChunksGiveTheWholeReport() throws {
        let root = Self.packageRoot
        let example = root.appendingPathComponent("examples/crlm")
        guard FileManager.default.fileExists(atPath: example.appendingPathComponent("study.yaml").path) else { return }
        let dir = try StudyDirectory.load(directory: example.path)
        let mapping = try StudyMapping.load(directory: dir.mapping)
        let specsFolder = root.appendingPathComponent("specs").path
        let specs = try SpecLibrary.load(from: specsFolder)
        let settings = try ValidationConfiguration.load(specsFolder: specsFolder)
        let config = try ADaMConfig.load(mappingDirectory: dir.mapping)
        let bound = try Binder.bind(csvDirectory: try #require(dir.export.csv), mapping: mapping)
        let mapper = SDTMMapper(specs: specs, dictionary: try #require(mapping.codingDictionary))
        var adam = ChunkedADaMDerivation(config: config, specs: specs)
        var validation = ChunkedValidation(validator: Validator(configuration: settings), specs: specs)
        var chunks: [[Dataset]] = []
        _ = try mapper.mapInChunks(bound.study, subjectsPerChunk: 80) { (chunk: SDTMResult) throws(InputError) in
            var byName: [String: Dataset] = [:]
            for d in chunk.datasets { byName[d.name] = d }
            let part = chunk.datasets + (try adam.derive(sdtm: byName)).datasets
            validation.add(part)
            chunks.append(part)
        }
        #expect(chunks.count == 3)
        let whole = Self.untimed(Validator(configuration: settings).validate(datasets: Self.concatenate(chunks), specs: specs))
        #expect(Self.untimed(validation.finish()) == whole)
    }
}
