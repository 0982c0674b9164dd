import Foundation
import Testing
import TrialCore
@testable import DatasetIO

@Suite struct DatasetFileTests {
    func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "datasetio-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func csvWithMetadataSideFileRoundTrips() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var ds = sampleDataset()
        ds.keys = ["USUBJID"]
        try DatasetFile.write(ds, to: dir + "/adtte.csv")
        let csv = try String(contentsOfFile: dir + "/adtte.csv", encoding: .utf8)
        #expect(csv == "USUBJID,AVAL,ADT\n01-701-1015,2,2014-01-02\n01-701-1023,-0.1,\n,.A,._\n")
        #expect(FileManager.default.fileExists(atPath: dir + "/adtte.metadata.json"))
        let back = try DatasetFile.read(path: dir + "/adtte.csv")
        #expect(back == ds)
    }

    @Test func csvHeaderOnlyModeInfersTypes() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/vs.csv"
        try "USUBJID,VSSTRESN,VSORRES\n001,72.5,72.5 kg\n002,,.\n003,.B,n/a\n".write(toFile: path, atomically: true, encoding: .utf8)
        let ds = try DatasetFile.read(path: path)
        #expect(ds.name == "VS")
        #expect(ds.columns.map(\.type) == [.numeric, .numeric, .character])  // "001" is a number
        #expect(ds.column("VSSTRESN")?.values == [.number(72.5), .dot, .missing(.letter("B"))])
        #expect(ds.column("VSORRES")?.values == [.character("72.5 kg"), .character("."), .character("n/a")])
    }

    @Test func csvFieldThatIsNotANumberNamesLineAndColumn() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try DatasetFile.write(sampleDataset(), to: dir + "/adtte.csv")
        try "USUBJID,AVAL,ADT\nA,2,2014-01-02\nB,two,2014-01-03\n".write(toFile: dir + "/adtte.csv", atomically: true, encoding: .utf8)
        do { _ = try DatasetFile.read(path: dir + "/adtte.csv"); Issue.record("expected an error") } catch {
            #expect(error.description == "\(dir)/adtte.csv:3:2: error: column AVAL is numeric but the field is not a number (value 'two'; expected a number, a special missing (.A–.Z, ._) or empty)")
        }
        try "USUBJID,AVAL,ADT\nA,2,2014-02-30\n".write(toFile: dir + "/adtte.csv", atomically: true, encoding: .utf8)
        do { _ = try DatasetFile.read(path: dir + "/adtte.csv"); Issue.record("expected an error") } catch {
            #expect(error.description == "\(dir)/adtte.csv:2:3: error: column ADT is numeric but the field is not a number (value '2014-02-30'; expected an ISO 8601 date, a special missing or empty)")
        }
    }

    @Test func everyFormatRoundTripsThroughTheFacade() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var ds = sampleDataset()
        ds.columns[1].values[2] = .dot        // JSON/CSV-safe: no special missing in AVAL
        ds.columns[2].values[2] = .dot
        ds.keys = ["USUBJID"]
        for ext in ["xpt", "json", "ndjson", "csv"] {
            let path = dir + "/adtte." + ext
            try DatasetFile.write(ds, to: path)
            var back = try DatasetFile.read(path: path)
            if ext == "xpt" { back.keys = ds.keys }   // XPT carries no keys
            #expect(back == ds, "\(ext)")
        }
    }

    @Test func specDrivenWritingSetsOrderLabelsAndMinimalLengths() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = DatasetSpec(name: "DM", label: "Demographics", keys: ["USUBJID"], variables: [
            VariableSpec(name: "USUBJID", label: "Unique Subject Identifier", type: .character, length: 20, core: .req),
            VariableSpec(name: "AGE", label: "Age", type: .numeric, core: .exp),
        ])
        let raw = Dataset(name: "DM", columns: [Column.numeric("AGE", [64, 70]), Column.character("USUBJID", ["001-001", "001-2"])])
        let path = dir + "/dm.xpt"
        try DatasetFile.write(raw, to: path, options: .init(spec: spec))
        let a = try DatasetFile.read(path: path)
        #expect(a.columnNames == ["USUBJID", "AGE"])
        #expect(a.column("USUBJID")?.length == 20 && a.column("USUBJID")?.label == "Unique Subject Identifier")
        #expect(a.label == "Demographics")
        try DatasetFile.write(raw, to: path, options: .init(spec: spec, lengths: .minimal))
        #expect(try DatasetFile.read(path: path).column("USUBJID")?.length == 7)
    }

    @Test func unknownExtensionAndMultiMemberRead() throws {
        do { _ = try DatasetFile.read(path: "x.sas7bdat"); Issue.record("expected an error") } catch {
            #expect(error.description == "x.sas7bdat: error: unknown dataset file extension (value 'x.sas7bdat'; expected a file ending in .xpt, .json, .ndjson or .csv)")
        }
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = Dataset(name: "A", columns: [Column.numeric("X", [1])])
        let b = Dataset(name: "B", columns: [Column.numeric("Y", [2])])
        try XPTWriter.write([a, b], to: dir + "/ab.xpt")
        do { _ = try DatasetFile.read(path: dir + "/ab.xpt"); Issue.record("expected an error") } catch {
            #expect(error.description == "\(dir)/ab.xpt: error: file holds 2 datasets (A, B) (expected exactly one dataset; read it with DatasetFile.readAll)")
        }
        #expect(try DatasetFile.readAll(path: dir + "/ab.xpt").map(\.name) == ["A", "B"])
    }
}

@Suite struct ConvertRoundTripTests {
    /// The "done when" of issue 4: an .xpt made by another tool (SAS, R) → Dataset-JSON → .xpt
    /// gives identical values and metadata.
    @Test(.enabled(if: ExternalFiles.available, ExternalFiles.skipReason),
          arguments: ["cdisc-dataset-json-examples/adam/adsl.xpt", "cdisc-dataset-json-examples/sdtm/ae.xpt",
                      "phuse-cdiscpilot/adam_tdf_v1.0/adtte.xpt"])
    func foreignXPTThroughDatasetJSONAndBack(_ relative: String) throws {
        guard let source = ExternalFiles.path(relative) else { return }
        let dir = NSTemporaryDirectory() + "datasetio-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try DatasetFile.read(path: source)
        try DatasetFile.write(original, to: dir + "/x.json")
        try DatasetFile.write(try DatasetFile.read(path: dir + "/x.json"), to: dir + "/x.xpt")
        try DatasetFile.write(try DatasetFile.read(path: dir + "/x.json"), to: dir + "/x.ndjson")
        try DatasetFile.write(try DatasetFile.read(path: dir + "/x.ndjson"), to: dir + "/x.csv")
        #expect(try DatasetFile.read(path: dir + "/x.xpt") == original)
        var viaCSV = try DatasetFile.read(path: dir + "/x.csv")
        viaCSV.keys = []
        #expect(viaCSV == original)
    }

    @Test func sameDataSameBytes() throws {
        let dir = NSTemporaryDirectory() + "datasetio-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for ext in ["xpt", "json"] {
            try DatasetFile.write(sampleDataset(), to: dir + "/a." + ext)
            try DatasetFile.write(sampleDataset(), to: dir + "/b." + ext)
            #expect(FileManager.default.contentsEqual(atPath: dir + "/a." + ext, andPath: dir + "/b." + ext))
        }
    }
}
