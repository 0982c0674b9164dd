import Foundation
import Testing
import TrialCore
@testable import DatasetIO

/// `DatasetAppender`: a dataset written in chunks gives the bytes of the whole-dataset writer;
/// errors count rows across chunks; nothing is left behind unless `finish()` succeeds.
@Suite struct DatasetAppenderTests {
    /// A new empty folder (`temporaryPath` names it).
    func tempDir() throws -> String {
        let dir = temporaryPath("-appender")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Every file in `dir`, hidden ones included.
    func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    /// 8 rows. Longest values (hand-counted, UTF-8 bytes): USUBJID "01-0003" = 7 (rows 6–8),
    /// QSTESTCD "QSALL" = 5 (row 2), QSORRES "Not at all, really" = 18 (row 7). Declared
    /// lengths 20, 8, 40.
    static let qs = Dataset(name: "QS", label: "Questionnaires", columns: [
        Column.character("USUBJID", label: "Unique Subject Identifier", length: 20,
                         ["01-001", "01-001", "01-001", "01-002", "01-002", "01-0003", "01-0003", "01-0003"]),
        Column.character("QSTESTCD", label: "Question Short Name", length: 8,
                         ["QS1", "QSALL", "QS3", "QS1", "QS2", "QS1", "QS2", "QS3"]),
        Column(name: "QSSEQ", label: "Sequence Number", type: .numeric,
               values: (1...8).map { .number(Double($0)) }),
        Column.character("QSORRES", label: "Finding in Original Units", length: 40,
                         ["A little", "", "Very much", "Not at all", "Quite a bit", "", "Not at all, really", "A"]),
        Column(name: "QSSTRESN", label: "Numeric Finding", type: .numeric,
               values: [.number(2), .dot, .number(4), .number(1), .number(3.5), .missing(.letter("B")), .number(-0.25), .number(0)]),
        Column(name: "QSDT", label: "Date of Finding", type: .numeric, format: "DATE9.",
               values: [.number(23000), .number(23000), .dot, .number(23028), .number(23028), .number(23056), .dot, .number(-1)]),
    ], keys: ["USUBJID", "QSTESTCD"])

    /// Rows `range` of `ds` as a chunk.
    static func rows(_ ds: Dataset, _ range: Range<Int>) -> Dataset { ds.selectingRows(Array(range)) }

    /// Writes `chunks` through an appender and returns its warnings.
    func append(_ chunks: [Dataset], to path: String, template: Dataset = qs,
                lengths: DatasetSpec.LengthPolicy, options: DatasetFile.WriteOptions = .init()) throws -> [Diagnostic] {
        let a = try DatasetAppender(path: path, format: try DatasetFile.format(of: path), template: template,
                                    lengths: lengths, options: options)
        for c in chunks { try a.append(c) }
        #expect(a.rowCount == chunks.reduce(0) { $0 + $1.rowCount })
        return try a.finish()
    }

    func bytes(_ path: String) -> [UInt8] { Array((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()) }

    /// The XPT spill writes a text equal to the row above as one marker byte; runs of equal
    /// values (empty ones too), a value back after another and a run across chunks all come
    /// back in place: the file equals the whole writer's and reads back to the data.
    @Test func repeatedTextInTheXPTSpillComesBackInPlace() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let texts = ["A", "A", "A", "", "", "BB", "A", "A", "BB", "BB", "", "CCC", "CCC"]
        let ds = Dataset(name: "RP", label: "Repeats", columns: [
            Column.character("T", label: "Text", length: 10, texts),
            Column.character("U", label: "Same everywhere", length: 10, Array(repeating: "SAME", count: texts.count)),
            Column(name: "N", label: "Number", type: .numeric, values: texts.indices.map { .number(Double($0)) }),
        ])
        try DatasetFile.write(ds, to: dir + "/whole.xpt", options: .init(lengths: .minimal))
        _ = try append([Self.rows(ds, 0..<2), Self.rows(ds, 2..<9), Self.rows(ds, 9..<13)], to: dir + "/parts.xpt",
                       template: ds, lengths: .minimal)
        #expect(bytes(dir + "/parts.xpt") == bytes(dir + "/whole.xpt"))
        let back = try XPTReader.read(path: dir + "/parts.xpt")[0]
        #expect(back.columns[0].values == texts.map { .character($0) })
        #expect(back.columns[0].length == 3)
        #expect(back.columns[1].values == Array(repeating: .character("SAME"), count: texts.count))
    }

    @Test(arguments: ["xpt", "json", "ndjson", "csv"])
    func threeChunksGiveTheBytesOfTheWholeDatasetWriter(_ ext: String) throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ds = Self.qs
        let chunks = [Self.rows(ds, 0..<5), Self.rows(ds, 5..<5), Self.rows(ds, 5..<8)]
        for policy in [DatasetSpec.LengthPolicy.spec, .minimal] {
            let whole = dir + "/whole-\(policy).\(ext)", parts = dir + "/parts-\(policy).\(ext)"
            let w1 = try DatasetFile.write(ds, to: whole, options: .init(lengths: policy))
            let w2 = try append(chunks, to: parts, lengths: policy)
            #expect(bytes(whole) == bytes(parts), "\(ext) \(policy)")
            #expect(!bytes(parts).isEmpty)
            #expect(w1.map(\.message) == w2.map(\.message))
            if ext == "csv" {
                #expect(bytes(DatasetCSV.metadataPath(for: whole)) == bytes(DatasetCSV.metadataPath(for: parts)))
            }
        }
        // Only the outputs: no temporary left.
        let expected = ext == "csv"
            ? ["parts-minimal.csv", "parts-minimal.metadata.json", "parts-spec.csv", "parts-spec.metadata.json",
               "whole-minimal.csv", "whole-minimal.metadata.json", "whole-spec.csv", "whole-spec.metadata.json"]
            : ["parts-minimal.\(ext)", "parts-spec.\(ext)", "whole-minimal.\(ext)", "whole-spec.\(ext)"]
        #expect(files(dir) == expected)
    }

    @Test func minimalLengthsAreTheLongestValuesAcrossChunks() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ds = Self.qs
        let chunks = [Self.rows(ds, 0..<5), Self.rows(ds, 5..<5), Self.rows(ds, 5..<8)]
        for ext in ["xpt", "json", "csv"] {
            _ = try append(chunks, to: dir + "/qs." + ext, lengths: .minimal)
            let back = try DatasetFile.read(path: dir + "/qs." + ext)
            // USUBJID 7 (chunk 3), QSTESTCD 5 (chunk 1), QSORRES 18 (chunk 3); numbers 8.
            #expect(back.columns.map(\.length) == [7, 5, 8, 18, 8, 8], "\(ext)")
            _ = try append(chunks, to: dir + "/qs-spec." + ext, lengths: .spec)
            #expect(try DatasetFile.read(path: dir + "/qs-spec." + ext).columns.map(\.length) == [20, 8, 8, 40, 8, 8], "\(ext)")
        }
    }

    @Test func xptReadsBackEqualToTheData() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ds = Self.qs
        for policy in [DatasetSpec.LengthPolicy.spec, .minimal] {
            let path = dir + "/qs-\(policy).xpt"
            _ = try append([Self.rows(ds, 0..<3), Self.rows(ds, 3..<3), Self.rows(ds, 3..<8)], to: path, lengths: policy)
            let back = try XPTReader.read(path: path)
            #expect(back.count == 1)
            #expect(back.first?.name == "QS")
            #expect(back.first?.label == "Questionnaires")
            #expect(back.first?.columns.map(\.values) == ds.columns.map(\.values))
            #expect(back.first?.columns.map(\.format) == [nil, nil, nil, nil, nil, "DATE9."])
        }
    }

    @Test func manyChunksOfOneRowSpillAndReassemble() throws {
        // 300 one-row chunks through the .minimal spill equal one whole write.
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let big = Self.rows(Self.qs, 0..<0)
        var ds = big
        for r in 0..<300 {
            ds.columns[0].values.append(.character("01-\(r)"))
            ds.columns[1].values.append(.character("QS\(r % 7)"))
            ds.columns[2].values.append(.number(Double(r + 1)))
            ds.columns[3].values.append(.character(String(repeating: "x", count: r % 40)))
            ds.columns[4].values.append(r % 9 == 0 ? .dot : .number(Double(r) / 4))
            ds.columns[5].values.append(.number(Double(22000 + r)))
        }
        for ext in ["xpt", "json", "csv"] {
            try DatasetFile.write(ds, to: dir + "/whole." + ext, options: .init(lengths: .minimal))
            _ = try append((0..<300).map { Self.rows(ds, $0..<($0 + 1)) }, to: dir + "/parts." + ext, template: ds, lengths: .minimal)
            #expect(bytes(dir + "/whole." + ext) == bytes(dir + "/parts." + ext), "\(ext)")
        }
        // USUBJID "01-299" = 6 bytes, QSTESTCD "QS0" = 3, QSORRES 39 "x" (r = 39, 79, …).
        #expect(try XPTReader.read(path: dir + "/parts.xpt").first?.columns.map(\.length) == [6, 3, 8, 39, 8, 8])
    }

    /// The error of appending `chunks` to a new file in a fresh folder; checks that no file
    /// and no temporary is left behind.
    func appendError(_ chunks: [Dataset], ext: String, lengths: DatasetSpec.LengthPolicy = .spec) throws -> String? {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/qs." + ext
        do {
            _ = try append(chunks, to: path, lengths: lengths)
            return nil
        } catch {
            #expect(files(dir) == [], "nothing left behind (\(ext))")
            return "\(error)".replacingOccurrences(of: path, with: "out")
        }
    }

    @Test(arguments: ["xpt", "json", "ndjson", "csv"])
    func errorRowsCountAcrossChunks(_ ext: String) throws {
        var second = Self.rows(Self.qs, 5..<8)
        let long = String(repeating: "y", count: 41)
        second.columns[3].values[1] = .character(long)     // row 2 of chunk 2, after 5 rows: row 7
        for policy in [DatasetSpec.LengthPolicy.spec, .minimal] {
            #expect(try appendError([Self.rows(Self.qs, 0..<5), second], ext: ext, lengths: policy) ==
                    "QS row 7, QSORRES: error: character value of 41 bytes is longer than the variable's length 40 (value '\(long)'; expected at most 40 bytes)")
        }
        var typed = Self.rows(Self.qs, 5..<8)
        typed.columns[2].values[2] = .character("8")        // row 3 of chunk 3, after 5 + 0 rows: row 8
        #expect(try appendError([Self.rows(Self.qs, 0..<5), Self.rows(Self.qs, 0..<0), typed], ext: ext) ==
                "QS row 8, QSSEQ: error: character value in a numeric variable (value '8'; expected a number or missing value)")
    }

    @Test func xptValueErrorsCountAcrossChunks() throws {
        var chunk = Self.rows(Self.qs, 5..<8)
        chunk.columns[4].values[0] = .number(1e300)
        chunk.columns[3].values[2] = .character("Zürich")
        for policy in [DatasetSpec.LengthPolicy.spec, .minimal] {
            #expect(try appendError([Self.rows(Self.qs, 0..<5), chunk], ext: "xpt", lengths: policy) ==
                    "QS row 6, QSSTRESN: error: numeric value too large for the IBM format of XPT (|x| < 7.2e75) (value '1e+300'; expected a number XPT v5 can store)")
            chunk.columns[4].values[0] = .number(1)
            #expect(try appendError([Self.rows(Self.qs, 0..<5), chunk], ext: "xpt", lengths: policy) ==
                    "QS row 8, QSORRES: error: non-ASCII character at byte 2 of a character value (value 'Zürich'; expected ASCII text (XPT for submission))")
            chunk.columns[4].values[0] = .number(1e300)
        }
    }

    @Test(arguments: ["xpt", "json", "csv"])
    func mismatchedColumnsAreAnError(_ ext: String) throws {
        var swapped = Self.rows(Self.qs, 0..<2)
        swapped.columns.swapAt(0, 1)
        #expect(try appendError([Self.rows(Self.qs, 0..<2), swapped], ext: ext) ==
                "out: error: dataset QS: the chunk's variables differ from the template's (value 'QSTESTCD,USUBJID,QSSEQ,QSORRES,QSSTRESN,QSDT'; expected USUBJID,QSTESTCD,QSSEQ,QSORRES,QSSTRESN,QSDT)")
        var fewer = Self.rows(Self.qs, 0..<2)
        fewer.columns.removeLast()
        #expect(try appendError([fewer], ext: ext) ==
                "out: error: dataset QS: the chunk's variables differ from the template's (value 'USUBJID,QSTESTCD,QSSEQ,QSORRES,QSSTRESN'; expected USUBJID,QSTESTCD,QSSEQ,QSORRES,QSSTRESN,QSDT)")
    }

    @Test func jsonDateColumnCannotChangeEncodingAfterItsDatesAreWritten() throws {
        var later = Self.rows(Self.qs, 5..<8)
        later.columns[5].values[1] = .number(23000.5)       // not a whole date: row 7
        #expect(try appendError([Self.rows(Self.qs, 0..<5), later], ext: "json") ==
                "QS row 7, QSDT: error: value is not a whole SAS date number in range, but earlier chunks wrote this variable as ISO 8601 dates (value '23000.5'; expected a date that ISO 8601 can write)")
        // Before any date was written, the column simply becomes a number column, as a whole write would.
        var first = Self.rows(Self.qs, 2..<3)             // QSDT missing
        #expect(first.columns[5].values == [.dot])
        first.columns[5].values = [.dot]
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let whole = Dataset(name: "QS", label: "Questionnaires",
                            columns: zip(first.columns, later.columns).map { a, b in var c = a; c.values += b.values; return c },
                            keys: Self.qs.keys)
        try DatasetFile.write(whole, to: dir + "/whole.json")
        _ = try append([first, later], to: dir + "/parts.json", lengths: .spec)
        #expect(bytes(dir + "/whole.json") == bytes(dir + "/parts.json"))
        #expect(String(decoding: bytes(dir + "/parts.json"), as: UTF8.self).contains("\"name\":\"QSDT\",\"label\":\"Date of Finding\",\"dataType\":\"double\""))
    }

    @Test(arguments: ["xpt", "json", "ndjson", "csv"])
    func nothingIsLeftWhenFinishIsNotCalled(_ ext: String) throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for policy in [DatasetSpec.LengthPolicy.spec, .minimal] {
            do {
                let a = try DatasetAppender(path: dir + "/qs." + ext, format: try DatasetFile.format(of: dir + "/qs." + ext),
                                            template: Self.qs, lengths: policy)
                try a.append(Self.rows(Self.qs, 0..<5))
                #expect(files(dir).allSatisfy { $0.hasPrefix(".") }, "only hidden temporaries while open")
            }
            #expect(files(dir) == [])
        }
    }

    @Test func appendAfterAnErrorOrAfterFinishFails() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try DatasetAppender(path: dir + "/qs.xpt", format: .xpt, template: Self.qs)
        var bad = Self.rows(Self.qs, 0..<1)
        bad.columns[0].values[0] = .number(1)
        #expect(throws: InputError.self) { try a.append(bad) }
        #expect(files(dir) == [])
        #expect(throws: InputError.self) { try a.append(Self.rows(Self.qs, 0..<1)) }
        #expect(throws: InputError.self) { try a.finish() }
        #expect(files(dir) == [])
        let b = try DatasetAppender(path: dir + "/qs.csv", format: .csv, template: Self.qs)
        try b.append(Self.rows(Self.qs, 0..<1))
        try b.finish()
        do { try b.append(Self.rows(Self.qs, 0..<1)); Issue.record("expected an error") } catch {
            #expect(error.description == "\(dir)/qs.csv: error: dataset QS: the file is already finished (expected a new DatasetAppender)")
        }
        #expect(files(dir) == ["qs.csv", "qs.metadata.json"])
    }

    @Test func specConformsTemplateAndChunks() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = DatasetSpec(name: "QS", label: "Questionnaires", keys: ["USUBJID"], variables: [
            VariableSpec(name: "USUBJID", label: "Unique Subject Identifier", type: .character, length: 10, core: .req),
            VariableSpec(name: "QSORRES", label: "Result", type: .character, length: 30, core: .exp),
        ])
        let ds = Dataset(name: "QS", columns: [Column.character("QSORRES", length: 30, ["a", "bb", "ccc"]),
                                               Column.character("USUBJID", length: 10, ["1", "2", "3"])])
        let options = DatasetFile.WriteOptions(spec: spec)
        try DatasetFile.write(ds, to: dir + "/whole.xpt", options: options)
        _ = try append([Self.rows(ds, 0..<2), Self.rows(ds, 2..<3)], to: dir + "/parts.xpt", template: ds,
                       lengths: .spec, options: options)
        #expect(bytes(dir + "/whole.xpt") == bytes(dir + "/parts.xpt"))
        var long = Self.rows(ds, 2..<3)
        long.columns[1].values[0] = .character(String(repeating: "9", count: 11))
        do {
            _ = try append([Self.rows(ds, 0..<2), long], to: dir + "/bad.xpt", template: ds, lengths: .spec, options: options)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "QS row 3, USUBJID: error: value longer than the spec's length 10 (value '99999999999'; expected at most 10 bytes)")
        }
    }

    @Test func isoTextAtTheEdgesOfItsRange() {
        // SAS date -715509 = 0001-01-01 and 2936549 = 9999-12-31 (Python: date.toordinal()
        // differences from 1960-01-01); datetimes are those days × 86400 (+ 86399 s).
        let expected: [(Double, SASDateTime.Kind, String?)] = [
            (0, .date, "1960-01-01"), (-1, .date, "1959-12-31"), (23000, .date, "2022-12-21"),
            (-715_509, .date, "0001-01-01"), (-715_510, .date, nil), (2_936_549, .date, "9999-12-31"), (2_936_550, .date, nil),
            (0.5, .date, nil), (-0.0, .date, nil), (.infinity, .date, nil), (.nan, .date, nil),
            (-61_819_977_600, .datetime, "0001-01-01T00:00:00"), (-61_819_977_601, .datetime, nil),
            (253_717_919_999, .datetime, "9999-12-31T23:59:59"), (253_717_920_000, .datetime, nil),
            (-1, .datetime, "1959-12-31T23:59:59"), (86_399, .time, "23:59:59"), (86_400, .time, nil), (-1, .time, nil),
            (3_723, .time, "01:02:03"), (1e13, .datetime, nil),
        ]
        for (x, kind, text) in expected {
            #expect(SASDateTime.iso8601(x, kind: kind) == text, "\(x) \(kind)")
            #expect(SASDateTime.canWrite(x, kind: kind) == (text != nil), "\(x) \(kind)")
        }
    }

    @Test func eightBytesAtATimeScanAgreesWithBytewise() {
        // The SWAR scan that decides whether a JSON string / CSV field needs escaping, against
        // a plain byte loop, on 20,000 pseudo-random byte strings (0–40 bytes, every byte value).
        var state: UInt64 = 12_345
        func next() -> UInt64 { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return state >> 33 }
        for _ in 0..<20_000 {
            let n = Int(next() % 41)
            let sparse = next() % 2 == 0           // mostly plain letters, now and then any byte
            let bytes: [UInt8] = (0..<n).map { _ in sparse && next() % 16 != 0 ? UInt8(0x41 + next() % 26) : UInt8(next() % 256) }
            bytes.withUnsafeBufferPointer { b in
                let json = b.contains { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }
                #expect(FileOutput.contains(b, any: (0x22, 0x5C, 0x22, 0x5C), below: 0x20) == json)
                let csv = b.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                #expect(FileOutput.contains(b, any: (0x2C, 0x22, 0x0A, 0x0D), below: 0) == csv)
            }
        }
        let text = Array("AE term, \"quoted\"".utf8)
        text.withUnsafeBufferPointer { b in
            #expect(FileOutput.contains(b, any: (0x2C, 0x2C, 0x2C, 0x2C), below: 0))           // comma at byte 8
            #expect(!FileOutput.contains(UnsafeBufferPointer(rebasing: b[0..<7]), any: (0x2C, 0x22, 0x0A, 0x0D), below: 0))
        }
    }
}
