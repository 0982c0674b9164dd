import TrialCore

/// Where one SDTM row came from: the export file and line (or ODM OID path) of its source record.
///
/// `row` is the 1-based position of the row in its conformed dataset.
public struct TraceRow: Sendable, Hashable {
    /// 1-based row number in the domain dataset.
    public var row: Int
    /// USUBJID of the row.
    public var usubjid: String
    /// The row's --SEQ, or `nil` for domains without one (DM, SV, SUPP--).
    public var seq: Int?
    /// The source record's location.
    public var source: SourceLocation

    /// Creates a trace row.
    public init(row: Int, usubjid: String, seq: Int?, source: SourceLocation) {
        self.row = row
        self.usubjid = usubjid
        self.seq = seq
        self.source = source
    }

    /// The source split into the trace file's columns: file, line (text sources), ODM path or
    /// dataset reference; empty strings where not applicable.
    public var sourceColumns: (file: String, line: String, path: String) {
        switch source {
        case let .text(file, line, column):
            return (file, String(line), column.map { "column \($0)" } ?? "")
        case let .byteOffset(file, offset): return (file, "", "byte \(offset)")
        case let .odm(file, path): return (file, "", path)
        case let .dataset(name, row, variable):
            return (name, String(row), variable ?? "")
        case let .file(file): return (file, "", "")
        case .unknown: return ("", "", "")
        }
    }
}
