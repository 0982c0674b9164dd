/// Where a value came from: a line and column of a text file, a byte offset of a binary
/// file, an ODM OID path, or a row and variable of a dataset.
///
/// Lines and columns are 1-based; byte offsets are 0-based. An ODM path reads like
/// `SubjectData[001-004]/StudyEventData[FU3]/FormData[AE]/ItemGroupData[AE,2]/ItemData[AETERM]`.
public enum SourceLocation: Sendable, Hashable, Codable {
    /// A text file position; `column` is `nil` when the whole line is meant.
    case text(file: String, line: Int, column: Int?)
    /// A byte offset (0-based) in a binary or streamed file.
    case byteOffset(file: String, offset: Int)
    /// An element of an ODM document, addressed by its OID path.
    case odm(file: String, path: String)
    /// A cell or row of a dataset; `row` is 1-based, `variable` may be `nil` for a whole row.
    case dataset(name: String, row: Int, variable: String?)
    /// A whole file.
    case file(String)
    /// No location is known.
    case unknown

    /// Human-readable form used in messages: `dm.csv:12:3`, `crlm.xml: SubjectData[…]/…`,
    /// `AE row 4, AESTDTC`, `x.xpt@byte 3200`.
    public var description: String {
        switch self {
        case let .text(file, line, column):
            return column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
        case let .byteOffset(file, offset): return "\(file)@byte \(offset)"
        case let .odm(file, path): return "\(file): \(path)"
        case let .dataset(name, row, variable):
            return variable.map { "\(name) row \(row), \($0)" } ?? "\(name) row \(row)"
        case let .file(file): return file
        case .unknown: return "(unknown location)"
        }
    }
}
