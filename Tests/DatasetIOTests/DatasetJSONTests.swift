import Foundation
import Testing
import TrialCore
@testable import DatasetIO

@Suite struct DatasetJSONTests {
    static let pairs = ["adam/adae", "adam/adcibc", "adam/adsl", "adam/adtte", "sdtm/ae", "sdtm/dm", "sdtm/ds",
                        "sdtm/ex", "sdtm/qsph", "sdtm/qssl", "sdtm/relrec", "sdtm/rs", "sdtm/se", "sdtm/suppdm",
                        "sdtm/sv", "sdtm/ta", "sdtm/te", "sdtm/ti", "sdtm/ts", "sdtm/tv"]

    /// The CDISC examples hold each dataset as SAS-written XPT and as Dataset-JSON: our two
    /// readers must agree cell by cell (dates: JSON ISO text vs XPT SAS day numbers).
    @Test(.enabled(if: ExternalFiles.available, ExternalFiles.skipReason), arguments: pairs)
    func xptAndJSONOfTheSameDatasetAgree(_ pair: String) throws {
        let base = "cdisc-dataset-json-examples/" + pair
        let x = try XPTReader.read(path: ExternalFiles.path(base + ".xpt")!)[0]
        let (j, info) = try DatasetJSONReader.read(path: ExternalFiles.path(base + ".json")!)
        #expect(x.name == j.name)
        #expect(x.rowCount == j.rowCount)
        #expect(x.columnNames == j.columnNames)
        for (cx, cj) in zip(x.columns, j.columns) {
            #expect(cx.type == cj.type, "\(pair) \(cx.name) type")
            #expect(cx.values == cj.values, "\(pair) \(cx.name) values")
            // JSON "length" is define.xml's planned length and may differ from the XPT storage
            // length; both must hold the longest value.
            if cx.type == .character {
                #expect(cx.length >= Column.longestByteLength(cx.values) && cj.length >= Column.longestByteLength(cj.values))
            }
            #expect(info.columns[cx.name]?.itemOID == "IT.\(j.name).\(cx.name)" || info.columns[cx.name]?.itemOID.hasPrefix("IT.") == true)
        }
    }

    @Test(.enabled(if: ExternalFiles.available, ExternalFiles.skipReason))
    func adtteMetadataAndNDJSONForm() throws {
        let (j, info) = try DatasetJSONReader.read(path: ExternalFiles.path("cdisc-dataset-json-examples/adam/adtte.json")!)
        #expect(j.label == "AE Time To 1st Derm. Event Analysis")
        #expect(j.keys == ["USUBJID", "PARAMCD"])
        #expect(info.itemGroupOID == "IG.ADTTE")
        #expect(info.studyOID == "TDF_ADaM.ADaMIG.1.1")
        #expect(info.sourceSystem == .init(name: "SAS on X64_10PRO", version: "9.0401M7"))
        #expect(info.columns["TRTSDT"] == .init(itemOID: "IT.ADTTE.TRTSDT", dataType: "date", targetDataType: "integer"))
        #expect(j.column("TRTSDT")?.format == "DATE9.")
        #expect(j.value("TRTSDT", row: 0) == .number(19725))
        let (n, _) = try DatasetJSONReader.read(path: ExternalFiles.path("cdisc-dataset-json-examples/adam/adtte.ndjson")!)
        #expect(n.columns.map(\.values) == j.columns.map(\.values))
    }

    @Test func writesTheSpecifiedLayoutExactly() throws {
        let path = temporaryPath(".json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var ds = sampleDataset()
        ds.keys = ["USUBJID"]
        let warnings = try DatasetJSONWriter.write(ds, to: path, info: .init(creationDateTime: "2024-01-02T03:04:05", studyOID: "S1"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == """
        {"datasetJSONCreationDateTime":"2024-01-02T03:04:05","datasetJSONVersion":"1.1.0","originator":"TrialData \(ToolVersion.current)","sourceSystem":{"name":"TrialData","version":"\(ToolVersion.current)"},"studyOID":"S1","itemGroupOID":"IG.ADTTE","records":3,"name":"ADTTE","label":"Time to Event","columns":[
        {"itemOID":"IT.ADTTE.USUBJID","name":"USUBJID","label":"Unique Subject Identifier","dataType":"string","length":11,"keySequence":1},
        {"itemOID":"IT.ADTTE.AVAL","name":"AVAL","label":"Analysis Value","dataType":"double"},
        {"itemOID":"IT.ADTTE.ADT","name":"ADT","label":"Analysis Date","dataType":"date","targetDataType":"integer","displayFormat":"DATE9."}],"rows":[
        ["01-701-1015",2,"2014-01-02"],
        ["01-701-1023",-0.1,null],
        ["",null,null]
        ]}

        """)
        #expect(warnings.map(\.description) == [
            "ADTTE row 0, AVAL: warning: 1 special missing value (.A–.Z, ._) written as null: Dataset-JSON has no special missings",
            "ADTTE row 0, ADT: warning: 1 special missing value (.A–.Z, ._) written as null: Dataset-JSON has no special missings",
        ])
        let (back, info) = try DatasetJSONReader.read(path: path)
        #expect(info.studyOID == "S1")
        var expected = ds
        expected.columns[1].values[2] = .dot
        expected.columns[2].values[2] = .dot
        #expect(back == expected)
    }

    @Test func ndjsonRoundTripAndEscapes() throws {
        let path = temporaryPath(".ndjson")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ds = Dataset(name: "CO", label: "Comments", columns: [
            Column.character("COVAL", ["quote \" backslash \\ tab \t newline \n ctrl \u{01} é 😀", ""]),
            Column.numeric("X", [1e-300, -0.0]),
        ])
        try DatasetJSONWriter.write(ds, to: path, form: .ndjson, info: .init(creationDateTime: "2024-01-02T03:04:05"))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == #"["quote \" backslash \\ tab \t newline \n ctrl \u0001 é 😀",1e-300]"#)
        #expect(lines[2] == #"["",-0.0]"#)
        let (back, _) = try DatasetJSONReader.read(path: path)
        #expect(back.columns.map(\.values) == ds.columns.map(\.values))
        #expect(back.column("X")!.values[1].number!.sign == .minus)
    }

    // MARK: bad input

    func jsonError(_ text: String) -> String? {
        do { _ = try DatasetJSONReader.read(bytes: Array(text.utf8), name: "in.json"); return nil } catch { return error.description }
    }

    static let head = #"{"datasetJSONCreationDateTime":"2024-01-02T03:04:05","datasetJSONVersion":"1.1.0","itemGroupOID":"IG.DM","records":2,"name":"DM","label":"Demographics","columns":[{"itemOID":"IT.DM.USUBJID","name":"USUBJID","label":"Subject","dataType":"string"},{"itemOID":"IT.DM.AGE","name":"AGE","label":"Age","dataType":"integer"}],"rows":["#

    @Test func truncatedFile() {
        #expect(jsonError(Self.head + #"["001",64],["002","#) ==
                "in.json@byte 345: error: unexpected end of file (expected a value for AGE in row 2)")
        #expect(jsonError(Self.head + #"["001",64],["002",6"#) ==
                "in.json@byte 346: error: unexpected end of file (expected ',' or ']' in row 2)")
        #expect(jsonError(#"{"name":"DM","columns":[{"name":"A","dataType":"string"}],"rows":[["abc"#) ==
                "in.json@byte 67: error: unterminated string (expected a closing '\"')")
    }

    @Test func cellOfTheWrongType() {
        #expect(jsonError(Self.head + #"["001",64],["002","sixty"]]}"#) ==
                "in.json@byte 345: error: row 2, column AGE: value does not fit dataType integer (value 'sixty'; expected a number or null (dataType integer))")
    }

    @Test func rowWithTooFewValuesAndRecordsMismatch() {
        #expect(jsonError(Self.head + #"["001",64],["002"]]}"#) ==
                "in.json@byte 338: error: row 2 has 1 values (expected 2 values, one per column)")
        #expect(jsonError(Self.head + #"["001",64]]}"#) ==
                "in.json@byte 339: error: \"records\" is 2 but the file has 1 rows (expected records equal to the number of rows)")
    }

    @Test func malformedNumberAndVersion() {
        #expect(jsonError(Self.head + #"["001",06],["002",1]]}"#) ==
                "in.json@byte 334: error: malformed number '06' (expected a JSON number)")
        #expect(jsonError(#"{"datasetJSONVersion":"1.0.0","name":"DM"}"#) ==
                "in.json@byte 1: error: unsupported Dataset-JSON version 1.0.0 (expected 1.1.x)")
        #expect(jsonError(#"{"creationDateTime":"x","clinicalData":{}}"#) ==
                "in.json@byte 24: error: Dataset-JSON 1.0 layout (\"clinicalData\") is not supported (expected Dataset-JSON v1.1 (top-level columns and rows))")
        #expect(jsonError("") == "in.json@byte 0: error: empty file is not Dataset-JSON (expected a JSON object)")
    }
}

@Suite struct DatasetJSONDataTypeTests {
    static let text = #"""
    {"datasetJSONCreationDateTime":"2024-01-02T03:04:05","datasetJSONVersion":"1.1","itemGroupOID":"IG.X","records":2,"name":"X","label":"All types","columns":[
    {"itemOID":"IT.X.S","name":"S","label":"String","dataType":"string","length":5},
    {"itemOID":"IT.X.D","name":"D","label":"Decimal","dataType":"decimal","targetDataType":"decimal"},
    {"itemOID":"IT.X.B","name":"B","label":"Boolean","dataType":"boolean"},
    {"itemOID":"IT.X.U","name":"U","label":"URI","dataType":"URI"},
    {"itemOID":"IT.X.DTC","name":"DTC","label":"ISO text","dataType":"datetime"},
    {"itemOID":"IT.X.DTM","name":"DTM","label":"SAS datetime","dataType":"datetime","targetDataType":"integer","displayFormat":"E8601DT19."},
    {"itemOID":"IT.X.TM","name":"TM","label":"SAS time","dataType":"time","targetDataType":"integer","displayFormat":"TIME8."},
    {"itemOID":"IT.X.F","name":"F","label":"Float","dataType":"float","unknownKey":{"nested":[1,2,{"a":null}]}}],
    "rows":[["a\u00e9\ud83d\ude00","1.50",true,"http://x","2021-03-15T10:20","2011-03-15T10:20:00","10:20:30",1.5e3],
            [null,null,false,"","",null,null,-0]]}
    """#

    @Test func everyDataTypeIsReadAndWrittenBackTheSameWay() throws {
        let (ds, info) = try DatasetJSONReader.read(bytes: Array(Self.text.utf8), name: "x.json")
        #expect(ds.columns.map(\.type) == [.character, .numeric, .numeric, .character, .character, .numeric, .numeric, .numeric])
        #expect(ds.row(0) == [.character("aé😀"), .number(1.5), .number(1), .character("http://x"),
                              .character("2021-03-15T10:20"), .number(1_615_803_600), .number(37_230), .number(1500)])
        #expect(ds.row(1) == [.character(""), .dot, .number(0), .character(""), .character(""), .dot, .dot, .number(-0.0)])
        // 1615803600 s after 1960-01-01 is 2011-03-15T10:20:00.
        #expect(SASDateTime.iso8601(1_615_803_600, kind: .datetime) == "2011-03-15T10:20:00")
        #expect(info.columns["D"] == .init(itemOID: "IT.X.D", dataType: "decimal", targetDataType: "decimal"))

        let path = temporaryPath(".json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DatasetJSONWriter.write(ds, to: path, info: info)
        let out = try String(contentsOfFile: path, encoding: .utf8)
        #expect(out.contains(#"["aé😀","1.5",true,"http://x","2021-03-15T10:20","2011-03-15T10:20:00","10:20:30",1500]"#))
        #expect(out.contains(#"["",null,false,"","",null,null,-0.0]"#))
        let (back, backInfo) = try DatasetJSONReader.read(path: path)
        #expect(back == ds)
        #expect(backInfo.columns == info.columns)
    }

    @Test func aDateValueThatIsNotADateIsAnError() {
        let bad = Self.text.replacingOccurrences(of: #""10:20:30""#, with: #""25:00:00""#)
        do { _ = try DatasetJSONReader.read(bytes: Array(bad.utf8), name: "x.json"); Issue.record("expected an error") } catch {
            #expect(error.description.hasSuffix("error: row 1, column TM: value does not fit dataType time (value '25:00:00'; expected an ISO 8601 time string or null)"))
        }
    }
}
