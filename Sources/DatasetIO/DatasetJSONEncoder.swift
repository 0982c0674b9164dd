import TrialCore

/// The one Dataset-JSON v1.1 and CSV row encoder behind `DatasetJSONWriter`, `DatasetCSV` and
/// `DatasetAppender`: it gathers each column's statistics chunk by chunk, decides how numbers
/// are written, and writes the metadata object and the rows.
///
/// How a number is written depends on all the values of its column (ISO 8601 text for a date
/// column only when every number converts): the encoding follows the statistics so far, and
/// a chunk that would change the encoding of a column whose numbers are already written is an
/// error naming the first value that does not fit. In `strict` mode (the appender) a value of
/// the wrong type or longer than the template's declared length is an error too; the
/// whole-dataset writers are lenient, as they always were.
final class DatasetJSONEncoder {
    /// How the numbers of one column are written.
    enum Encoding: Equatable {
        /// ISO 8601 text of this kind.
        case iso(SASDateTime.Kind)
        /// A JSON string holding the number (`dataType` or `targetDataType` decimal).
        case decimalString
        /// `true` / `false`.
        case boolean
        /// The number's shortest text.
        case number
    }

    /// What the rows are written as.
    enum Target: Equatable {
        /// Dataset-JSON in one of its two forms.
        case json(DatasetJSONWriter.Form)
        /// CSV fields.
        case csv
    }

    /// The template: name, label, keys and column metadata, without values.
    let template: Dataset
    let target: Target
    let info: DatasetJSONInfo
    let file: String
    let strict: Bool
    /// Per column statistics over all rows so far.
    private(set) var stats: [JSONColumnStats]
    /// Per column encoding of numbers.
    private(set) var encodings: [Encoding]
    private var specialMissings: [Int]
    /// Rows added so far.
    private(set) var rows = 0

    /// An encoder for datasets shaped like `template` (its values are not kept).
    init(template: Dataset, target: Target, info: DatasetJSONInfo, file: String, strict: Bool) {
        var t = template
        for k in t.columns.indices { t.columns[k].values = [] }
        self.template = t
        self.target = target
        self.info = info
        self.file = file
        self.strict = strict
        stats = t.columns.map { JSONColumnStats($0, info: info) }
        specialMissings = Array(repeating: 0, count: t.columns.count)
        encodings = []
        encodings = t.columns.indices.map { encoding(of: $0) }
    }

    /// The encoding the statistics of column `k` imply.
    private func encoding(of k: Int) -> Encoding {
        let c = template.columns[k]
        if target == .csv {
            if let kind = stats[k].formatKind, stats[k].formatKindOK { return .iso(kind) }
            return .number
        }
        let ci = stats[k].columnInfo(c, dataset: template.name, info: info)
        if ci.targetDataType == "integer", let kind = SASDateTime.Kind(rawValue: ci.dataType) { return .iso(kind) }
        if ci.dataType == "decimal" || ci.targetDataType == "decimal" { return .decimalString }
        if ci.dataType == "boolean" { return .boolean }
        return .number
    }

    /// Checks `chunk` (the template's variables in order when `strict`, equal column
    /// lengths), adds its statistics and fixes the encodings; `firstRow` rows came before.
    func add(_ chunk: Dataset) throws(InputError) {
        let n = chunk.rowCount
        let columns = template.columns
        if strict {
            guard chunk.columns.count == columns.count,
                  zip(chunk.columns, columns).allSatisfy({ $0.name.uppercased() == $1.name.uppercased() }) else {
                throw InputError(at: .file(file), "dataset \(template.name): the chunk's variables differ from the template's",
                                 value: chunk.columnNames.joined(separator: ","),
                                 expected: template.columnNames.joined(separator: ","))
            }
        }
        for c in chunk.columns where c.values.count != n {
            throw InputError(at: .file(file), "dataset \(template.name): variable \(c.name) has \(c.values.count) values but the dataset has \(n) rows",
                             expected: "the same number of values in every column")
        }
        if strict, let (r, k) = firstStrictFailure(chunk) {
            let c = columns[k]
            let v = chunk.columns[k].values[r]
            let at = SourceLocation.dataset(name: template.name, row: rows + r + 1, variable: c.name)
            if case .character(let s) = v, c.type == .character {
                throw InputError(at: at, "character value of \(s.utf8.count) bytes is longer than the variable's length \(c.length)",
                                 value: s, expected: "at most \(c.length) bytes")
            }
            throw InputError(at: at, c.type == .numeric ? "character value in a numeric variable" : "numeric value in a character variable",
                             value: v.text, expected: c.type == .numeric ? "a number or missing value" : "a character value")
        }
        for k in chunk.columns.indices {
            let hadNumbers = stats[k].sawNumber
            chunk.columns[k].values.withUnsafeBufferPointer { stats[k].add($0, 0..<$0.count) }
            let next = encoding(of: k)
            if next != encodings[k] && hadNumbers, case .iso(let kind) = encodings[k] {
                let values = chunk.columns[k].values
                let r = values.firstIndex { $0.number.map { !SASDateTime.canWrite($0, kind: kind) } ?? false } ?? 0
                throw InputError(at: .dataset(name: template.name, row: rows + r + 1, variable: columns[k].name),
                                 "value is not a whole SAS \(kind.rawValue) number in range, but earlier chunks wrote this variable as ISO 8601 \(kind.rawValue)s",
                                 value: values[r].text, expected: "a \(kind.rawValue) that ISO 8601 can write")
            }
            encodings[k] = next
        }
    }

    /// Row and column of the first value (row by row) of the wrong type or longer than declared.
    private func firstStrictFailure(_ chunk: Dataset) -> (Int, Int)? {
        var best: (Int, Int)?
        for (k, c) in template.columns.enumerated() {
            let numeric = c.type == .numeric
            let limit = c.length
            let bad = chunk.columns[k].values.firstIndex { v in
                switch v {
                case .character(let s): return numeric || s.utf8.count > limit
                case .number, .missing: return !numeric
                }
            }
            if let bad, bad < (best?.0 ?? Int.max) { best = (bad, k) }
        }
        return best
    }

    // MARK: - Dataset-JSON

    /// The JSON column metadata of every column given the statistics so far.
    func columnInfos() -> [DatasetJSONInfo.ColumnInfo] {
        template.columns.indices.map { stats[$0].columnInfo(template.columns[$0], dataset: template.name, info: info) }
    }

    /// Writes the metadata object up to the opening of the rows: `records`, the columns with
    /// `lengths` for character variables (at least 1) and `columns` as their JSON metadata.
    static func writeHeader(of template: Dataset, columns: [DatasetJSONInfo.ColumnInfo], lengths: [Int],
                            records: Int, info: DatasetJSONInfo, form: DatasetJSONWriter.Form,
                            to out: FileOutput) throws(InputError) {
        let w = JSONTextWriter(out: out)
        try w.raw("{\"datasetJSONCreationDateTime\":")
        try w.string(info.creationDateTime ?? "1960-01-01T00:00:00")
        try w.raw(",\"datasetJSONVersion\":\"1.1.0\"")
        if let v = info.fileOID { try w.raw(",\"fileOID\":"); try w.string(v) }
        if let v = info.dbLastModifiedDateTime { try w.raw(",\"dbLastModifiedDateTime\":"); try w.string(v) }
        try w.raw(",\"originator\":"); try w.string(info.originator ?? ToolVersion.originator)
        let system = info.sourceSystem ?? .init(name: "TrialData", version: ToolVersion.current)
        try w.raw(",\"sourceSystem\":{\"name\":"); try w.string(system.name)
        try w.raw(",\"version\":"); try w.string(system.version); try w.raw("}")
        if let v = info.studyOID { try w.raw(",\"studyOID\":"); try w.string(v) }
        if let v = info.metaDataVersionOID { try w.raw(",\"metaDataVersionOID\":"); try w.string(v) }
        if let v = info.metaDataRef { try w.raw(",\"metaDataRef\":"); try w.string(v) }
        try w.raw(",\"itemGroupOID\":"); try w.string(info.itemGroupOID ?? "IG.\(template.name)")
        try w.raw(",\"records\":\(records),\"name\":"); try w.string(template.name)
        try w.raw(",\"label\":"); try w.string(template.label)
        try w.raw(",\"columns\":[")
        let keyOrder = template.keys.map { $0.uppercased() }
        for (k, c) in template.columns.enumerated() {
            let ci = columns[k]
            let sep = form == .json ? "\n" : ""
            try w.raw(k == 0 ? sep + "{\"itemOID\":" : "," + sep + "{\"itemOID\":"); try w.string(ci.itemOID)
            try w.raw(",\"name\":"); try w.string(c.name)
            try w.raw(",\"label\":"); try w.string(c.label)
            try w.raw(",\"dataType\":"); try w.string(ci.dataType)
            if let t = ci.targetDataType { try w.raw(",\"targetDataType\":"); try w.string(t) }
            if c.type == .character { try w.raw(",\"length\":\(max(1, lengths[k]))") }
            if let f = c.format, !f.isEmpty { try w.raw(",\"displayFormat\":"); try w.string(f) }
            if let key = keyOrder.firstIndex(of: c.name.uppercased()) { try w.raw(",\"keySequence\":\(key + 1)") }
            try w.raw("}")
        }
        try w.raw("]")
        try w.raw(form == .json ? ",\"rows\":[" : "}\n")
    }

    /// Closes the rows array and the object (`.json` form).
    static func writeEnd(records: Int, form: DatasetJSONWriter.Form, to out: FileOutput) throws(InputError) {
        if form == .json { try out.write(records > 0 ? "\n]}\n" : "]}\n") }
    }

    /// Writes the rows of the last added chunk as JSON row arrays.
    func writeJSONRows(_ chunk: Dataset, to out: FileOutput) throws(InputError) {
        guard case .json(let form) = target else { return }
        let w = JSONTextWriter(out: out)
        let n = chunk.rowCount
        let values = chunk.columns.map(\.values)
        for r in 0..<n {
            if form == .json { try w.raw(rows + r == 0 ? "\n[" : ",\n[") } else { try w.byte(0x5B) }
            for k in 0..<values.count {
                if k > 0 { try w.byte(0x2C) }
                switch values[k][r] {
                case .character(let s):
                    try w.string(s)
                case .missing(let m):
                    if m != .dot { specialMissings[k] += 1 }
                    try w.raw("null")
                case .number(let x):
                    guard x.isFinite else {
                        throw InputError(at: .dataset(name: template.name, row: rows + r + 1, variable: template.columns[k].name),
                                         "number is not finite", value: "\(x)", expected: "a finite number")
                    }
                    switch encodings[k] {
                    case .iso(let kind):
                        guard try out.write(iso8601: x, kind: kind, quote: 0x22) else {
                            throw InputError(at: .dataset(name: template.name, row: rows + r + 1, variable: template.columns[k].name),
                                             "value is not a whole SAS \(kind.rawValue) number in range", value: Value.format(x),
                                             expected: "a \(kind.rawValue) that ISO 8601 can write")
                        }
                    case .decimalString: try w.string(JSONTextWriter.number(x))
                    case .boolean: try w.raw(x != 0 ? "true" : "false")
                    case .number:
                        if let i = DatasetJSONEncoder.smallInteger(x) { try out.write(decimal: i) } else { try w.raw(JSONTextWriter.number(x)) }
                    }
                }
            }
            try w.byte(0x5D)
            if form == .ndjson { try w.byte(0x0A) }
        }
        rows += n
    }

    /// Warnings: special missings written as `null`.
    func warnings() -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for (k, n) in specialMissings.enumerated() where n > 0 {
            warnings.append(Diagnostic(.warning, at: .dataset(name: template.name, row: 0, variable: template.columns[k].name),
                                       "\(n) special missing value\(n == 1 ? "" : "s") (.A–.Z, ._) written as null: Dataset-JSON has no special missings"))
        }
        return warnings
    }

    // MARK: - CSV

    /// Writes the header record (variable names).
    func writeCSVHeader(to w: CSVWriter) throws(InputError) {
        try w.write(template.columnNames)
    }

    /// Writes the rows of the last added chunk as CSV records: numeric missing `.` empty,
    /// special missings `.A`, numbers in shortest form (`-0.0` for negative zero), dates ISO.
    func writeCSVRows(_ chunk: Dataset, to w: CSVWriter) throws(InputError) {
        let n = chunk.rowCount
        let values = chunk.columns.map(\.values)
        let single = values.count == 1
        for r in 0..<n {
            for k in 0..<values.count {
                if k > 0 { try w.writeDelimiter() }
                switch values[k][r] {
                case .number(let x):
                    if case .iso(let kind) = encodings[k] {
                        if try !w.writeISO8601(x, kind: kind) { try w.writeField(Value.format(x)) }
                    } else if let i = DatasetJSONEncoder.smallInteger(x) {
                        try w.writeDecimal(i)
                    } else {
                        guard x.isFinite else {
                            throw InputError(at: .dataset(name: template.name, row: rows + r + 1, variable: template.columns[k].name),
                                             "number is not finite", value: "\(x)", expected: "a finite number")
                        }
                        try w.writeField(x == 0 && x.sign == .minus ? "-0.0" : Value.format(x))
                    }
                case .missing(let m):
                    if m != .dot { try w.writeField(m.sasNotation) } else if single { try w.writeEmptyQuoted() }
                case .character(let s):
                    if single && s.isEmpty { try w.writeEmptyQuoted() } else { try w.writeField(s) }
                }
            }
            try w.endRecord()
        }
        rows += n
    }

    /// The `.metadata.json` side-file's column metadata: the JSON metadata, with a numeric
    /// variable that is not written as ISO 8601 in the CSV typed `double` rather than a date.
    func csvMetadataInfo() -> DatasetJSONInfo {
        var meta = info
        for (k, c) in template.columns.enumerated() {
            let u = c.name.uppercased()
            // Keep the date classification made on the real values (the side-file has no rows).
            if meta.columns[u] == nil {
                meta.columns[u] = stats[k].columnInfo(c, dataset: template.name, info: info)
            }
            if c.type == .numeric, encodings[k] == .number, let ci = meta.columns[u], ci.targetDataType == "integer" {
                meta.columns[u] = .init(itemOID: ci.itemOID, dataType: "double")
            }
        }
        return meta
    }

    /// Writes the CSV side-file at `path`: Dataset-JSON metadata with `lengths` and no rows.
    func writeCSVMetadata(to path: String, lengths: [Int]) throws(InputError) {
        let meta = csvMetadataInfo()
        let out = try FileOutput(path: path)
        let columns = template.columns.map { JSONColumnStats($0, info: meta).columnInfo($0, dataset: template.name, info: meta) }
        try DatasetJSONEncoder.writeHeader(of: template, columns: columns, lengths: lengths, records: 0,
                                           info: meta, form: .json, to: out)
        try DatasetJSONEncoder.writeEnd(records: 0, form: .json, to: out)
        try out.commit()
    }

    /// A whole number below 2^53 in magnitude, not −0.
    @inline(__always)
    static func isJSONInteger(_ x: Double) -> Bool {
        abs(x) < 9_007_199_254_740_992 && Double(Int64(x)) == x && !(x == 0 && x.sign == .minus)
    }

    /// `x` as an integer when it is whole, below 10^15 in magnitude and not −0: the numbers
    /// `JSONTextWriter.number` and `Value.format` write as plain digits.
    @inline(__always)
    static func smallInteger(_ x: Double) -> Int64? {
        guard abs(x) < 1e15 else { return nil }
        let i = Int64(x)
        return Double(i) == x && !(x == 0 && x.sign == .minus) ? i : nil
    }
}
