import TrialCore

/// Reads CDISC Dataset-JSON v1.1, in either form (`.json` with a `rows` array, or `.ndjson`
/// with the metadata object on line 1 and one row array per line), streaming: a hand-written
/// tokenizer fills the columns directly, so no JSON tree of the rows is ever built.
///
/// Column types: `string`/`URI` → character; `integer`/`decimal`/`float`/`double`/`boolean`
/// → numeric (a `decimal` may be given as a string); `date`/`datetime`/`time` with
/// `targetDataType: "integer"` → numeric SAS date/datetime/time numbers (days or seconds from
/// 1960-01-01) keeping their `displayFormat`; without it → character ISO 8601 text. `null` is
/// `.` for numerics and `""` for characters. Errors carry the byte offset and what was expected.
/// ```swift
/// let (adtte, info) = try DatasetJSONReader.read(path: "adtte.json")
/// ```
public enum DatasetJSONReader {
    /// Reads the dataset and its JSON-level metadata from `path`.
    public static func read(path: String) throws(InputError) -> (Dataset, DatasetJSONInfo) {
        let input = try FileInput(path: path)
        try input.start()
        var parser = DatasetJSONParser(scanner: JSONScanner(input: input))
        return try parser.parse()
    }

    /// Reads Dataset-JSON from bytes in memory; `name` stands for the file in errors.
    public static func read(bytes: [UInt8], name: String) throws(InputError) -> (Dataset, DatasetJSONInfo) {
        var parser = DatasetJSONParser(scanner: JSONScanner(input: FileInput(bytes: bytes, name: name)))
        return try parser.parse()
    }
}

/// One column as declared in `columns`.
struct JSONColumnDecl {
    var itemOID = ""
    var name = ""
    var label = ""
    var dataType = ""
    var targetDataType: String?
    var length: Int?
    var displayFormat: String?
    var keySequence: Int?
    var offset = 0

    /// How cells of this column are read.
    enum Reading { case character, number, decimalString, sasDate(SASDateTime.Kind), boolean }
    var reading: Reading = .character
    var type: VariableType = .character
}

struct DatasetJSONParser {
    var s: JSONScanner
    init(scanner: JSONScanner) { s = scanner }

    mutating func parse() throws(InputError) -> (Dataset, DatasetJSONInfo) {
        guard try s.peek() != nil else {
            throw s.error("empty file is not Dataset-JSON", expected: "a JSON object")
        }
        try s.expect(0x7B, "'{' starting the Dataset-JSON object")
        var info = DatasetJSONInfo()
        var name: String?, label = "", records: Int?, columns: [JSONColumnDecl]?
        var values: [[Value]] = []
        var rowsRead = 0
        var sawRows = false
        if try s.peek() != 0x7D {
            repeat {
                _ = try s.peek()
                let keyOffset = s.offset
                let key = try s.readString()
                try s.expect(0x3A, "':' after \"\(key)\"")
                switch key {
                case "datasetJSONCreationDateTime": info.creationDateTime = try string(key)
                case "datasetJSONVersion":
                    let v = try string(key)
                    info.version = v
                    guard v == "1.1" || v.hasPrefix("1.1.") else {
                        throw s.error("unsupported Dataset-JSON version \(v)", atOffset: keyOffset, expected: "1.1.x")
                    }
                case "fileOID": info.fileOID = try string(key)
                case "dbLastModifiedDateTime": info.dbLastModifiedDateTime = try string(key)
                case "originator": info.originator = try string(key)
                case "studyOID": info.studyOID = try string(key)
                case "metaDataVersionOID": info.metaDataVersionOID = try string(key)
                case "metaDataRef": info.metaDataRef = try string(key)
                case "itemGroupOID": info.itemGroupOID = try string(key)
                case "name": name = try string(key)
                case "label": label = try string(key)
                case "records": records = try integer(key)
                case "sourceSystem": info.sourceSystem = try sourceSystem()
                case "columns": columns = try parseColumns()
                case "clinicalData", "referenceData":
                    throw s.error("Dataset-JSON 1.0 layout (\"\(key)\") is not supported", atOffset: keyOffset,
                                  expected: "Dataset-JSON v1.1 (top-level columns and rows)")
                case "rows":
                    guard let cols = columns else {
                        throw s.error("\"rows\" comes before \"columns\"", atOffset: keyOffset,
                                      expected: "\"columns\" first, as Dataset-JSON v1.1 orders the keys for streaming")
                    }
                    sawRows = true
                    values = [[Value]](repeating: [], count: cols.count)
                    if let n = records { for k in values.indices { values[k].reserveCapacity(n) } }
                    try s.expect(0x5B, "'[' starting the rows")
                    if try s.peek() != 0x5D {
                        repeat {
                            try readRow(cols, into: &values, row: rowsRead + 1)
                            rowsRead += 1
                        } while try s.commaOr(0x5D, "',' or ']' after a row")
                    } else {
                        s.pos += 1
                    }
                default:
                    try s.skipValue()
                }
            } while try s.commaOr(0x7D, "',' or '}' after a top-level member")
        } else {
            s.pos += 1
        }
        guard let cols = columns else {
            throw s.error("no \"columns\" in the Dataset-JSON object", expected: "a \"columns\" array")
        }
        guard let dsName = name else {
            throw s.error("no \"name\" in the Dataset-JSON object", expected: "a \"name\" string")
        }
        if !sawRows { values = [[Value]](repeating: [], count: cols.count) }
        // NDJSON: rows follow the metadata object, one array per line.
        if try s.peek() != nil {
            guard !sawRows else {
                throw s.error("unexpected content after the Dataset-JSON object", expected: "the end of the file")
            }
            while let b = try s.peek() {
                guard b == 0x5B else {
                    throw s.error("unexpected \(JSONScanner.describe(b))", expected: "an NDJSON row array '['")
                }
                try readRow(cols, into: &values, row: rowsRead + 1)
                rowsRead += 1
            }
        }
        if let n = records, n != rowsRead {
            throw s.error("\"records\" is \(n) but the file has \(rowsRead) rows", expected: "records equal to the number of rows")
        }
        var out = Dataset(name: dsName, label: label)
        var keys: [(Int, String)] = []
        for (k, c) in cols.enumerated() {
            let length: Int? = c.type == .numeric ? 8 : c.length.map { max($0, Column.longestByteLength(values[k])) }
            out.columns.append(Column(name: c.name, label: c.label, type: c.type, length: length,
                                      format: c.displayFormat, values: values[k]))
            info.columns[c.name.uppercased()] = .init(itemOID: c.itemOID, dataType: c.dataType, targetDataType: c.targetDataType)
            if let ks = c.keySequence { keys.append((ks, c.name)) }
        }
        out.keys = keys.sorted { $0.0 < $1.0 }.map(\.1)
        return (out, info)
    }

    mutating func string(_ key: String) throws(InputError) -> String {
        guard try s.peek() == 0x22 else {
            throw s.error("\"\(key)\" is not a string", expected: "a string value")
        }
        return try s.readString()
    }

    mutating func integer(_ key: String) throws(InputError) -> Int {
        _ = try s.peek()
        let at = s.offset
        guard case .number(let x) = try s.readScalar("an integer for \"\(key)\""), x == x.rounded(), x >= 0, x < 1e15 else {
            throw s.error("\"\(key)\" is not a non-negative integer", atOffset: at, expected: "an integer ≥ 0")
        }
        return Int(x)
    }

    mutating func sourceSystem() throws(InputError) -> DatasetJSONInfo.SourceSystem {
        try s.expect(0x7B, "'{' starting sourceSystem")
        var name = "", version = ""
        if try s.peek() == 0x7D { s.pos += 1; return .init(name: name, version: version) }
        repeat {
            let key = try s.readString()
            try s.expect(0x3A, "':'")
            switch key {
            case "name": name = try string("sourceSystem.name")
            case "version": version = try string("sourceSystem.version")
            default: try s.skipValue()
            }
        } while try s.commaOr(0x7D, "',' or '}' in sourceSystem")
        return .init(name: name, version: version)
    }

    mutating func parseColumns() throws(InputError) -> [JSONColumnDecl] {
        try s.expect(0x5B, "'[' starting the columns")
        var out: [JSONColumnDecl] = []
        if try s.peek() == 0x5D { s.pos += 1; return out }
        repeat {
            var c = JSONColumnDecl()
            _ = try s.peek()
            c.offset = s.offset
            try s.expect(0x7B, "'{' starting a column")
            if try s.peek() != 0x7D {
                repeat {
                    let key = try s.readString()
                    try s.expect(0x3A, "':'")
                    switch key {
                    case "itemOID": c.itemOID = try string("itemOID")
                    case "name": c.name = try string("name")
                    case "label": c.label = try string("label")
                    case "dataType": c.dataType = try string("dataType")
                    case "targetDataType": c.targetDataType = try string("targetDataType")
                    case "displayFormat": c.displayFormat = try string("displayFormat")
                    case "length": c.length = try integer("length")
                    case "keySequence": c.keySequence = try integer("keySequence")
                    default: try s.skipValue()
                    }
                } while try s.commaOr(0x7D, "',' or '}' in a column")
            } else {
                s.pos += 1
            }
            guard !c.name.isEmpty else {
                throw s.error("column \(out.count + 1) has no name", atOffset: c.offset, expected: "a \"name\"")
            }
            switch (c.dataType, c.targetDataType) {
            case ("string", _), ("URI", _):
                c.type = .character; c.reading = .character
            case ("integer", _), ("float", _), ("double", _):
                c.type = .numeric; c.reading = .number
            case ("decimal", _):
                c.type = .numeric; c.reading = .decimalString
            case ("boolean", _):
                c.type = .numeric; c.reading = .boolean
            case ("date", "integer"), ("datetime", "integer"), ("time", "integer"):
                c.type = .numeric; c.reading = .sasDate(SASDateTime.Kind(rawValue: c.dataType)!)
            case ("date", _), ("datetime", _), ("time", _):
                c.type = .character; c.reading = .character
            default:
                throw s.error("column \(c.name) has dataType \"\(c.dataType)\"", atOffset: c.offset,
                              expected: "one of string, integer, decimal, float, double, boolean, datetime, date, time, URI")
            }
            out.append(c)
        } while try s.commaOr(0x5D, "',' or ']' after a column")
        return out
    }

    mutating func readRow(_ cols: [JSONColumnDecl], into values: inout [[Value]], row: Int) throws(InputError) {
        _ = try s.peek()
        let rowStart = s.offset
        try s.expect(0x5B, "'[' starting row \(row)")
        var k = 0
        if try s.peek() == 0x5D {
            s.pos += 1
        } else {
            repeat {
                guard k < cols.count else {
                    throw s.error("row \(row) has more than \(cols.count) values", atOffset: rowStart,
                                  expected: "\(cols.count) values, one per column")
                }
                _ = try s.peek()
                let at = s.offset
                let cell = try s.readScalar("a value for \(cols[k].name) in row \(row)")
                values[k].append(try convert(cell, cols[k], row: row, at: at))
                k += 1
            } while try s.commaOr(0x5D, "',' or ']' in row \(row)")
        }
        guard k == cols.count else {
            throw s.error("row \(row) has \(k) values", atOffset: rowStart, expected: "\(cols.count) values, one per column")
        }
    }

    @inline(__always)
    func convert(_ cell: JSONScalar, _ c: JSONColumnDecl, row: Int, at: Int) throws(InputError) -> Value {
        switch (c.reading, cell) {
        case (.character, .string(let t)): return .character(t)
        case (.character, .null): return .character("")
        case (.number, .number(let x)), (.decimalString, .number(let x)), (.boolean, .number(let x)): return .number(x)
        case (_, .null) where c.type == .numeric: return .dot
        case (.decimalString, .string(let t)):
            if let x = Double(t), x.isFinite { return .number(x) }
        case (.boolean, .bool(let b)): return .number(b ? 1 : 0)
        case (.sasDate(let kind), .string(let t)):
            if let x = SASDateTime.number(iso8601: t, kind: kind) { return .number(x) }
        default: break
        }
        let shown: String
        switch cell {
        case .string(let t): shown = t
        case .number(let x): shown = Value.format(x)
        case .bool(let b): shown = b ? "true" : "false"
        case .null: shown = "null"
        }
        let expected: String
        switch c.reading {
        case .character: expected = "a string or null (dataType \(c.dataType))"
        case .number: expected = "a number or null (dataType \(c.dataType))"
        case .decimalString: expected = "a decimal number as a string, or null"
        case .boolean: expected = "true, false or null"
        case .sasDate(let kind): expected = "an ISO 8601 \(kind.rawValue) string or null"
        }
        throw InputError(at: .byteOffset(file: s.file, offset: at),
                         "row \(row), column \(c.name): value does not fit dataType \(c.dataType)",
                         value: shown, expected: expected)
    }
}
