import TrialCore

/// One entry point for reading and writing datasets in any supported format, chosen by the
/// file extension (`.xpt`, `.json`, `.ndjson`, `.csv`).
///
/// ```swift
/// let adtte = try DatasetFile.read(path: "adtte.xpt")
/// try DatasetFile.write(adtte, to: "adtte.json")
/// try DatasetFile.write(dm, to: "dm.xpt", options: .init(spec: dmSpec, lengths: .minimal))
/// ```
public enum DatasetFile {
    /// How a dataset is written.
    public struct WriteOptions: Sendable {
        /// A spec to conform to first (variable order, labels, types, lengths, formats, keys).
        public var spec: DatasetSpec?
        /// Character lengths: the spec's (default) or the longest value (`.minimal`). Without a
        /// spec, `.minimal` shrinks every character length to its longest value.
        public var lengths: DatasetSpec.LengthPolicy
        /// XPT options (ASCII requirement, time stamp).
        public var xpt: XPTWriter.Options
        /// Dataset-JSON file metadata (OIDs, creation time).
        public var json: DatasetJSONInfo
        /// CSV: also write the `<base>.metadata.json` side-file (default `true`).
        public var csvMetadata: Bool

        /// Creates options; the defaults write the dataset as it is.
        public init(spec: DatasetSpec? = nil, lengths: DatasetSpec.LengthPolicy = .spec,
                    xpt: XPTWriter.Options = .init(), json: DatasetJSONInfo = .init(), csvMetadata: Bool = true) {
            self.spec = spec
            self.lengths = lengths
            self.xpt = xpt
            self.json = json
            self.csvMetadata = csvMetadata
        }
    }

    /// The format of `path`, or an `InputError` naming the supported extensions.
    public static func format(of path: String) throws(InputError) -> DatasetFormat {
        guard let f = DatasetFormat(path: path) else {
            throw InputError(at: .file(path), "unknown dataset file extension",
                             value: path, expected: "a file ending in .xpt, .json, .ndjson or .csv")
        }
        return f
    }

    /// Reads the single dataset in `path` (an XPT file with several members is an error:
    /// use `readAll`).
    public static func read(path: String, format: DatasetFormat? = nil) throws(InputError) -> Dataset {
        let all = try readAll(path: path, format: format)
        guard all.count == 1 else {
            throw InputError(at: .file(path), "file holds \(all.count) datasets (\(all.map(\.name).joined(separator: ", ")))",
                             expected: "exactly one dataset; read it with DatasetFile.readAll")
        }
        return all[0]
    }

    /// Reads every dataset in `path` (several only for multi-member XPT files).
    public static func readAll(path: String, format: DatasetFormat? = nil) throws(InputError) -> [Dataset] {
        let f: DatasetFormat
        if let format { f = format } else { f = try self.format(of: path) }
        switch f {
        case .xpt: return try XPTReader.read(path: path)
        case .json, .ndjson: return [try DatasetJSONReader.read(path: path).0]
        case .csv: return [try DatasetCSV.read(path: path)]
        }
    }

    /// Writes `dataset` to `path` in `format` (default: by extension), atomically; returns
    /// warnings (columns not in the spec, special missings written as JSON null, …).
    @discardableResult
    public static func write(_ dataset: Dataset, to path: String, format: DatasetFormat? = nil,
                             options: WriteOptions = WriteOptions()) throws(InputError) -> [Diagnostic] {
        let f: DatasetFormat
        if let format { f = format } else { f = try self.format(of: path) }
        let (ds, notes) = try prepare(dataset, options: options)
        switch f {
        case .xpt:
            try XPTWriter.write(ds, to: path, options: options.xpt)
            return notes
        case .json: return notes + (try DatasetJSONWriter.write(ds, to: path, form: .json, info: options.json))
        case .ndjson: return notes + (try DatasetJSONWriter.write(ds, to: path, form: .ndjson, info: options.json))
        case .csv: return notes + (try DatasetCSV.write(ds, to: path, metadata: options.csvMetadata, info: options.json))
        }
    }

    /// Applies the spec and the length policy; returns the dataset to write and warnings.
    public static func prepare(_ dataset: Dataset, options: WriteOptions) throws(InputError) -> (Dataset, [Diagnostic]) {
        if let spec = options.spec { return try spec.conform(dataset, lengths: options.lengths) }
        var ds = dataset
        if options.lengths == .minimal {
            for k in ds.columns.indices where ds.columns[k].type == .character {
                ds.columns[k].length = Column.longestByteLength(ds.columns[k].values)
            }
        }
        return (ds, [])
    }
}
