/// The dataset file formats DatasetIO reads and writes, chosen by file extension.
public enum DatasetFormat: String, Sendable, CaseIterable {
    /// SAS XPORT v5 transport file (`.xpt`).
    case xpt
    /// CDISC Dataset-JSON v1.1 (`.json`).
    case json
    /// Dataset-JSON v1.1, NDJSON form (`.ndjson`).
    case ndjson
    /// CSV with an optional `<base>.metadata.json` side-file (`.csv`).
    case csv

    /// The format of `path` by its extension (case-insensitive), or `nil`.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}
