import TrialCore

/// Datasets as CSV files, so any stage can be fed from a spreadsheet.
///
/// The CSV has a header row of variable names and one row per observation. Numeric
/// missing `.` is an empty field; special missings are `.A`–`.Z`, `._`; numbers use the
/// shortest text that reads back to the same double; numeric dates/datetimes/times (by SAS
/// format, e.g. `DATE9.`) are ISO 8601. Metadata (labels, types, lengths, formats, keys) goes
/// to a side-file `<base>.metadata.json`, a Dataset-JSON v1.1 file with the columns and no
/// rows. Without the side-file ("header-only" mode) a column is numeric when every non-empty
/// field is a number or special missing, and character otherwise.
/// ```swift
/// try DatasetCSV.write(dm, to: "dm.csv")                  // dm.csv + dm.metadata.json
/// let dm2 = try DatasetCSV.read(path: "dm.csv")           // uses dm.metadata.json if present
/// ```
public enum DatasetCSV {
    /// The side-file path for a CSV path: `dm.csv` → `dm.metadata.json`.
    public static func metadataPath(for csvPath: String) -> String {
        let base = csvPath.lowercased().hasSuffix(".csv") ? String(csvPath.dropLast(4)) : csvPath
        return base + ".metadata.json"
    }

    /// Writes the dataset as CSV and, unless `metadata` is false, its metadata side-file.
    /// Returns warnings of the side-file writer.
    @discardableResult
    public static func write(_ dataset: Dataset, to path: String, metadata: Bool = true,
                             delimiter: CSVOptions.Delimiter = .comma,
                             info: DatasetJSONInfo = DatasetJSONInfo()) throws(InputError) -> [Diagnostic] {
        let encoder = DatasetJSONEncoder(template: dataset, target: .csv, info: info, file: path, strict: false)
        try encoder.add(dataset)
        let w = try CSVWriter(path: path, delimiter: delimiter)
        try encoder.writeCSVHeader(to: w)
        try encoder.writeCSVRows(dataset, to: w)
        if metadata {
            try encoder.writeCSVMetadata(to: metadataPath(for: path), lengths: dataset.columns.map(\.length))
        }
        try w.finish()
        return []
    }

    /// Reads a dataset from CSV, with the side-file's metadata when `metadataPath` exists
    /// (by default `<base>.metadata.json`), else in header-only mode named `name` (default:
    /// the file's base name in upper case).
    public static func read(path: String, metadataPath: String? = nil, name: String? = nil,
                            options: CSVOptions = CSVOptions()) throws(InputError) -> Dataset {
        let metaPath = metadataPath ?? DatasetCSV.metadataPath(for: path)
        let meta: (Dataset, DatasetJSONInfo)? = FileInput.exists(metaPath) ? try DatasetJSONReader.read(path: metaPath) : nil
        let reader = try CSVReader(path: path, options: options)
        let header = reader.header ?? []
        var columns: [[String]] = Array(repeating: [], count: header.count)
        var lines: [Int] = []
        while let r = try reader.next() {
            for k in 0..<min(r.fields.count, columns.count) { columns[k].append(r.fields[k]) }
            lines.append(r.line)
        }
        let base = String(path.split(separator: "/").last ?? Substring(path))
        let dsName = name ?? meta?.0.name ?? String(base.split(separator: ".").first ?? "").uppercased()
        guard let (template, info) = meta else {
            var ds = Dataset(name: dsName)
            for (k, h) in header.enumerated() {
                ds.columns.append(inferColumn(h, columns[k]))
            }
            return ds
        }
        let expected = template.columnNames
        guard expected.map({ $0.uppercased() }) == header.map({ $0.uppercased() }) else {
            throw InputError(at: .text(file: path, line: reader.headerLine, column: nil),
                             "CSV header does not match the columns of \(metaPath)",
                             value: header.joined(separator: ","), expected: expected.joined(separator: ","))
        }
        var ds = template
        ds.name = name ?? template.name
        for (k, c) in template.columns.enumerated() {
            let kind: SASDateTime.Kind? = info.columns[c.name.uppercased()].flatMap {
                $0.targetDataType == "integer" ? SASDateTime.Kind(rawValue: $0.dataType) : nil
            }
            var values: [Value] = []
            values.reserveCapacity(columns[k].count)
            for (r, f) in columns[k].enumerated() {
                if c.type == .character { values.append(.character(f)); continue }
                if let v = numericValue(f, kind: kind) { values.append(v); continue }
                throw InputError(at: .text(file: path, line: lines[r], column: k + 1),
                                 "column \(c.name) is numeric but the field is not a number",
                                 value: f, expected: kind.map { "an ISO 8601 \($0.rawValue), a special missing or empty" }
                                    ?? "a number, a special missing (.A–.Z, ._) or empty")
            }
            ds.columns[k].values = values
            if c.type == .character { ds.columns[k].length = max(c.length, Column.longestByteLength(values)) }
        }
        return ds
    }

    /// The numeric value of a CSV field: empty or `.` → `.`, `.A`–`.Z`/`._` → special
    /// missing, ISO text when `kind` is set, else a decimal number.
    static func numericValue(_ f: String, kind: SASDateTime.Kind?) -> Value? {
        if f.isEmpty || f == "." { return .dot }
        if f.utf8.first == UInt8(ascii: "."), let m = MissingValue(sasNotation: f) { return .missing(m) }
        if let kind, let x = SASDateTime.number(iso8601: f, kind: kind) { return .number(x) }
        if let x = Double(f), x.isFinite { return .number(x) }
        return nil
    }

    private static func inferColumn(_ name: String, _ fields: [String]) -> Column {
        var numbers: [Value] = []
        numbers.reserveCapacity(fields.count)
        for f in fields {
            guard let v = numericValue(f, kind: nil) else {
                return Column(name: name, type: .character, values: fields.map { .character($0) })
            }
            numbers.append(v)
        }
        if fields.allSatisfy(\.isEmpty) {
            return Column(name: name, type: .character, values: fields.map { .character($0) })
        }
        return Column(name: name, type: .numeric, values: numbers)
    }
}
