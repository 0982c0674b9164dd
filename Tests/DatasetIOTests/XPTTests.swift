import Foundation
import Testing
import TrialCore
@testable import DatasetIO

@Suite struct IBMFloatTests {
    /// Worked examples of FORMATS.md (a), byte-identical to ReadStat and `xport`.
    @Test func workedExamples() {
        let cases: [(Double, UInt64)] = [
            (1.0, 0x4110_0000_0000_0000), (-2.5, 0xC128_0000_0000_0000), (100, 0x4264_0000_0000_0000),
            (0.1, 0x4019_9999_9999_999A), (63, 0x423F_0000_0000_0000), (19725, 0x444D_0D00_0000_0000),
            (0, 0),
        ]
        for (x, w) in cases {
            #expect(IBMFloat.encode(x) == .success(w), "\(x)")
            #expect(IBMFloat.decode(w) == x)
        }
        #expect(IBMFloat.word(of: .dot) == 0x2E00_0000_0000_0000)
        #expect(IBMFloat.word(of: .letter("A")) == 0x4100_0000_0000_0000)
        #expect(IBMFloat.word(of: .underscore) == 0x5F00_0000_0000_0000)
        #expect(IBMFloat.missing(0x4100_0000_0000_0000) == .letter("A"))
        #expect(IBMFloat.missing(0x4110_0000_0000_0000) == nil)   // 1.0, same first byte as .A
    }

    @Test func negativeZeroKeepsItsSign() {
        #expect(IBMFloat.encode(-0.0) == .success(0x8000_0000_0000_0000))
        let back = IBMFloat.decode(0x8000_0000_0000_0000)
        #expect(back == 0 && back.sign == .minus)
    }

    @Test func rangeLimits() {
        #expect(IBMFloat.encode(1e300) == .failure(.overflow))
        #expect(IBMFloat.encode(1e-300) == .failure(.underflow))
        #expect(IBMFloat.encode(.infinity) == .failure(.notFinite))
        // 16^63 is just out of range; the largest double below it is in range.
        #expect(IBMFloat.encode(pow(16.0, 63)) == .failure(.overflow))
        #expect(IBMFloat.encode(pow(16.0, 63).nextDown).map(IBMFloat.decode) == .success(pow(16.0, 63).nextDown))
        // 16^-65 is the smallest normalised IBM number: 0x00 10 00.. (E = 0, F = 2^52).
        #expect(IBMFloat.encode(pow(16.0, -65)) == .success(0x0010_0000_0000_0000))
        #expect(IBMFloat.encode(pow(16.0, -65).nextDown) == .failure(.underflow))
    }

    /// IBM → IEEE rounds 56 → 53 bits to nearest, ties to even. 1 + 2^-53 (F = 2^52 + 2^...)
    /// is not representable: F = 0x10000000000000 | 1 (bit 0 = 2^-56 relative) rounds down.
    @Test func roundingToNearestEven() {
        // Value 1 + 2^-52 + 2^-53 (a tie between 1+2^-52 and 1+2^-51): E = 65, F = 2^52 + 2 + 1
        // in units of 2^-56·16 = 2^-52... checked by hand: F units are 16^1/2^56 = 2^-52.
        // A 56-bit F with top hex digit 1 keeps 53 bits; F = 2^52 + 0b1 << 0 is exact (needs 53 bits).
        // Use E = 65 and F with the top digit 8 (4 bits used): 53 significant bits start at bit 55,
        // so bits 2…0 are dropped: F = 0x80000000000004 is a tie → rounds to even (down).
        #expect(IBMFloat.decode(0x4180_0000_0000_0004) == 8.0)
        // F = 0x8000000000000C is a tie between …08 and …10: even is …10 (up).
        #expect(IBMFloat.decode(0x4180_0000_0000_000C) == 8.0 + 16 * pow(2.0, -52))
        // F = 0x80000000000005 is above the tie → rounds up to …08.
        #expect(IBMFloat.decode(0x4180_0000_0000_0005) == 8.0 + 8 * pow(2.0, -52))
    }

    @Test func formatParsing() {
        #expect(SASFormat("DATE9.") == SASFormat(name: "DATE", width: 9, decimals: 0))
        #expect(SASFormat("8.2") == SASFormat(name: "", width: 8, decimals: 2))
        #expect(SASFormat("$12.") == SASFormat(name: "$", width: 12, decimals: 0))
        #expect(SASFormat("E8601DA10.") == SASFormat(name: "E8601DA", width: 10, decimals: 0))
        #expect(SASFormat("BEST.") == SASFormat(name: "BEST", width: 0, decimals: 0))
        #expect(SASFormat("DATE9") == nil)
        #expect(SASFormat("TOOLONGNAME9.") == nil)
        #expect(SASFormat(name: "DATE", width: 9, decimals: 0).description == "DATE9.")
        #expect(SASFormat(name: "", width: 3, decimals: 0).description == "3.")
    }
}

func sampleDataset() -> Dataset {
    Dataset(name: "ADTTE", label: "Time to Event", columns: [
        Column.character("USUBJID", label: "Unique Subject Identifier", length: 11, ["01-701-1015", "01-701-1023", ""]),
        Column(name: "AVAL", label: "Analysis Value", type: .numeric,
               values: [.number(2), .number(-0.1), .missing(.letter("A"))]),
        Column(name: "ADT", label: "Analysis Date", type: .numeric, format: "DATE9.",
               values: [.number(19725), .dot, .missing(.underscore)]),
    ])
}

@Suite struct XPTTests {
    @Test func writesTheTS140LayoutByteForByte() throws {
        let path = temporaryPath(".xpt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try XPTWriter.write(sampleDataset(), to: path, options: .init(timestamp: "02JAN14:10:20:30"))
        let b = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        func rec(_ i: Int) -> String { String(decoding: b[(i * 80)..<(i * 80 + 80)], as: UTF8.self) }
        #expect(b.count % 80 == 0)
        #expect(rec(0) == "HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!000000000000000000000000000000  ")
        #expect(rec(1) == "SAS     SAS     SASLIB  9.4     Linux                           02JAN14:10:20:30")
        #expect(rec(3) == "HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!000000000000000001600000000140  ")
        #expect(rec(5).hasPrefix("SAS     ADTTE   SASDATA "))
        #expect(rec(6) == "02JAN14:10:20:30                Time to Event                                   ")
        #expect(rec(7) == "HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!000000000300000000000000000000  ")
        // NAMESTR 3 (ADT): type 1, length 8, varnum 3, name, label, format DATE 9 0, npos 19.
        let n3 = Array(b[(8 * 80 + 280)..<(8 * 80 + 420)])
        #expect(Array(n3[0..<8]) == [0, 1, 0, 0, 0, 8, 0, 3])
        #expect(String(decoding: n3[8..<16], as: UTF8.self) == "ADT     ")
        #expect(String(decoding: n3[56..<64], as: UTF8.self) == "DATE    ")
        #expect(Array(n3[64..<68]) == [0, 9, 0, 0])
        #expect(Array(n3[84..<88]) == [0, 0, 0, 19])
        // 420 NAMESTR bytes pad to 480 = 6 records; then OBS header at record 14.
        #expect(rec(14).hasPrefix("HEADER RECORD*******OBS     HEADER RECORD!!!!!!!"))
        let obs = Array(b[(15 * 80)...])
        #expect(obs.count == 160)   // 3 rows × 27 bytes = 81, padded with blanks to 160
        #expect(Array(obs[0..<11]) == Array("01-701-1015".utf8))
        #expect(Array(obs[11..<19]) == [0x41, 0x20, 0, 0, 0, 0, 0, 0])          // 2
        #expect(Array(obs[19..<27]) == [0x44, 0x4D, 0x0D, 0, 0, 0, 0, 0])       // 19725
        #expect(Array(obs[27 + 11..<27 + 19]) == [0xC0, 0x19, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9A])  // -0.1
        #expect(Array(obs[54 + 11..<54 + 19]) == [0x41, 0, 0, 0, 0, 0, 0, 0])   // .A
        #expect(Array(obs[54 + 19..<54 + 27]) == [0x5F, 0, 0, 0, 0, 0, 0, 0])   // ._
        #expect(obs[81...].allSatisfy { $0 == 0x20 })
    }

    @Test func roundTripsSeveralMembers() throws {
        let path = temporaryPath(".xpt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let a = sampleDataset()
        let b = Dataset(name: "DM", label: "Demographics", columns: [
            Column.character("STUDYID", ["S1", "S1"]), Column.numeric("AGE", format: "3.", [64, nil]),
        ])
        try XPTWriter.write([a, b], to: path)
        let back = try XPTReader.read(path: path)
        #expect(back == [a, b])
    }

    @Test func shortRowsAndTrailingBlankRowIsPadding() throws {
        // Row length 1 (a 1-byte character variable): 3 rows + 77 blanks of padding. The third
        // value is blank, so it cannot be told from padding and is dropped (as ReadStat does).
        let ds = Dataset(name: "X", columns: [Column.character("C", length: 1, ["a", "b", ""])])
        let path = temporaryPath(".xpt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try XPTWriter.write(ds, to: path)
        let back = try XPTReader.read(path: path)
        #expect(back[0].column("C")?.values == [.character("a"), .character("b")])
    }

    // MARK: writer errors: dataset, variable, row, value

    func writeError(_ ds: Dataset, options: XPTWriter.Options = .init()) -> String? {
        let path = temporaryPath(".xpt")
        do { try XPTWriter.write(ds, to: path, options: options); return nil } catch {
            #expect(!FileManager.default.fileExists(atPath: path), "nothing half-written")
            return error.description.replacingOccurrences(of: path, with: "out.xpt")
        }
    }

    @Test func longNameIsAnError() {
        let ds = Dataset(name: "DM", columns: [Column.character("SUBJECTID", ["1"])])
        #expect(writeError(ds) == "out.xpt: error: dataset DM: variable name is not a valid XPT v5 name (value 'SUBJECTID'; expected 1 to 8 characters A-Z, 0-9, _ (not starting with a digit))")
    }

    @Test func longValueIsAnErrorNotATruncation() {
        let long = String(repeating: "x", count: 201)
        let ds = Dataset(name: "AE", columns: [Column.character("AETERM", length: 200, ["ok", long])])
        #expect(writeError(ds) == "AE row 2, AETERM: error: character value of 201 bytes is longer than the variable's length 200 (value '\(long)'; expected at most 200 bytes)")
        let ds2 = Dataset(name: "AE", columns: [Column.character("AETERM", ["ok", long])])
        #expect(writeError(ds2) == "out.xpt: error: dataset AE: variable AETERM has length 201 (value '201'; expected a character length of 1 to 200 bytes)")
    }

    @Test func nonASCIIIsAnError() {
        let ds = Dataset(name: "DM", columns: [Column.character("CITY", length: 10, ["Zürich"])])
        #expect(writeError(ds) == "DM row 1, CITY: error: non-ASCII character at byte 2 of a character value (value 'Zürich'; expected ASCII text (XPT for submission))")
    }

    @Test func longLabelAndOutOfRangeNumbers() {
        let label = String(repeating: "L", count: 41)
        #expect(writeError(Dataset(name: "DM", columns: [Column.numeric("AGE", label: label, [1])])) ==
                "out.xpt: error: dataset DM, variable AGE: label has 41 bytes (value '\(label)'; expected at most 40 bytes)")
        #expect(writeError(Dataset(name: "LB", columns: [Column.numeric("LBSTRESN", [1, 1e300])])) ==
                "LB row 2, LBSTRESN: error: numeric value too large for the IBM format of XPT (|x| < 7.2e75) (value '1e+300'; expected a number XPT v5 can store)")
        #expect(writeError(Dataset(name: "LB", columns: [Column.numeric("LBSTRESN", [1e-300])])) ==
                "LB row 1, LBSTRESN: error: numeric value too small for the IBM format of XPT (|x| ≥ 5.4e-79 or 0) (value '1e-300'; expected a number XPT v5 can store)")
    }

    // MARK: reader errors: byte offset and what was expected

    func readError(_ bytes: [UInt8]) -> String? {
        do { _ = try XPTReader.read(bytes: bytes, name: "in.xpt"); return nil } catch { return error.description }
    }

    @Test func truncatedAndCorruptFiles() throws {
        let path = temporaryPath(".xpt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try XPTWriter.write(sampleDataset(), to: path)
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(readError(Array(good.prefix(700))) ==
                "in.xpt@byte 700: error: truncated XPT file: it ends 60 bytes into NAMESTR 1 of 3 in member ADTTE (expected 140 bytes of NAMESTR 1 of 3 in member ADTTE)")
        #expect(readError(Array(good.prefix(good.count - 10))) ==
                "in.xpt@byte 1350: error: truncated XPT file: the last 80-byte record of member ADTTE has only 70 bytes (expected a whole number of 80-byte records)")
        var bad = good
        bad[8 * 80 + 140 + 1] = 7      // NAMESTR 2 type 7
        #expect(readError(bad) == "in.xpt@byte 780: error: member ADTTE, NAMESTR 2: variable type 7 (expected 1 (numeric) or 2 (character))")
        #expect(readError(Array("hello".utf8) + [UInt8](repeating: 0x20, count: 75)) ==
                "in.xpt@byte 0: error: not a SAS XPORT file: the library header record is missing (expected 'HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!')")
        #expect(readError([]) == "in.xpt@byte 0: error: empty file is not an XPT file (expected a SAS XPORT library header record)")
        var noObs = good
        noObs[14 * 80 + 20] = UInt8(ascii: "X")
        #expect(readError(noObs) == "in.xpt@byte 1120: error: corrupt XPT file: the OBS header record not found (expected 'HEADER RECORD*******OBS     HEADER RECORD!!!!!!!')")
    }

    // MARK: real files written by SAS and R

    @Test(.enabled(if: ExternalFiles.available, ExternalFiles.skipReason))
    func readsCDISCAdtteWrittenBySAS() throws {
        let ds = try #require(try XPTReader.read(path: ExternalFiles.path("cdisc-dataset-json-examples/adam/adtte.xpt")!).first)
        #expect(ds.name == "ADTTE")
        #expect(ds.rowCount == 254)
        #expect(ds.columns.count == 26)
        let studyid = try #require(ds.column("STUDYID"))
        #expect(studyid.label == "Study Identifier" && studyid.length == 12 && studyid.type == .character)
        #expect(ds.column("TRTSDT")?.format == "DATE9.")
        #expect(ds.column("AGE")?.format == "3.")
        // First row, as the paired adtte.json gives it.
        #expect(ds.text("USUBJID", row: 0) == "01-701-1015")
        #expect(ds.value("AGE", row: 0) == .number(63))
        #expect(ds.value("TRTSDT", row: 0) == .number(19725))        // 2014-01-02
        #expect(ds.text("EVNTDESC", row: 0) == "Dematologic Event Occured")
        #expect(ds.text("RACE", row: 253) == "BLACK OR AFRICAN AMERICAN")
        let cnsr = ds.column("CNSR")!.values
        #expect(cnsr.filter { $0 == .number(0) }.count == 152)
    }

    @Test(.enabled(if: ExternalFiles.available, ExternalFiles.skipReason))
    func readsEveryPhuseXPT() throws {
        let root = ExternalFiles.root + "/phuse-cdiscpilot"
        let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".xpt") }
        #expect(files.count > 10)
        for f in files {
            // The pilot TS files were written by SAS in WLATIN1 (a 0x92 apostrophe in TSVAL).
            let encoding: CSVOptions.Encoding = f.hasSuffix("ts.xpt") ? .windows1252 : .utf8
            let members = try XPTReader.read(path: root + "/" + f, options: .init(encoding: encoding))
            #expect(members.count == 1, "\(f)")
            #expect(members[0].rowCount > 0, "\(f)")
        }
    }

    @Test(.enabled(if: ExternalFiles.available, ExternalFiles.skipReason))
    func windows1252TextIsAnErrorUnlessDeclared() throws {
        let path = ExternalFiles.path("phuse-cdiscpilot/sdtm_cdiscpilot01_2012/ts.xpt")!
        do {
            _ = try XPTReader.read(path: path)
            Issue.record("expected an encoding error")
        } catch {
            #expect(error.description == "\(path)@byte 7047: error: invalid UTF-8 in variable TSVAL, row 9 (value '0x92'; expected UTF-8 text, or read with encoding latin1 or windows1252)")
        }
        let ts = try XPTReader.read(path: path, options: .init(encoding: .windows1252))[0]
        #expect(ts.text("TSVAL", row: 8).contains("\u{2019}"))
    }
}
