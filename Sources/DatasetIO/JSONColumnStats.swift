import TrialCore

/// What Dataset-JSON and CSV need to know about all the values of one column, gathered chunk
/// by chunk: whether every number is a JSON integer, whether every number can be written as
/// ISO 8601 of the kind the JSON metadata or the SAS format names, and the longest text.
///
/// Only `.number` values count (missing values fit every type), as in the whole-dataset
/// writers. Lengths are in UTF-8 bytes.
struct JSONColumnStats {
    /// The kind given in `DatasetJSONInfo` (`targetDataType: integer` with a date/datetime/time
    /// `dataType`), or `nil`.
    let givenKind: SASDateTime.Kind?
    /// The kind the column's SAS format implies, or `nil`.
    let formatKind: SASDateTime.Kind?
    /// Every number is a JSON integer.
    var integral = true
    /// Every number is a whole `givenKind` number in range.
    var givenKindOK = true
    /// Every number is a whole `formatKind` number in range.
    var formatKindOK = true
    /// A number (not missing) has been seen.
    var sawNumber = false
    /// The longest character value in bytes (at least 1).
    var longest = 1

    /// Empty statistics for `c` with the JSON metadata `info`.
    init(_ c: Column, info: DatasetJSONInfo) {
        formatKind = c.type == .numeric ? SASDateTime.kind(ofFormat: c.format) : nil
        if let given = info.columns[c.name.uppercased()], given.targetDataType == "integer" {
            givenKind = SASDateTime.Kind(rawValue: given.dataType)
        } else {
            givenKind = nil
        }
    }

    /// Adds `values[range]`.
    mutating func add(_ values: UnsafeBufferPointer<Value>, _ range: Range<Int>) {
        for r in range {
            switch values[r] {
            case .number(let x):
                sawNumber = true
                if integral && !DatasetJSONEncoder.isJSONInteger(x) { integral = false }
                if formatKindOK, let k = formatKind, !SASDateTime.canWrite(x, kind: k) { formatKindOK = false }
                if givenKindOK, let k = givenKind, !SASDateTime.canWrite(x, kind: k) { givenKindOK = false }
            case .character(let s):
                longest = max(longest, s.utf8.count)
            case .missing:
                break
            }
        }
    }

    /// The JSON column metadata for `c` given these statistics: from `info` when it fits the
    /// column's type and values, else derived (string; date/datetime/time by SAS format when
    /// every number converts; integer; double).
    func columnInfo(_ c: Column, dataset: String, info: DatasetJSONInfo) -> DatasetJSONInfo.ColumnInfo {
        let oid = "IT.\(dataset).\(c.name)"
        if let given = info.columns[c.name.uppercased()] {
            let numericTypes: Set<String> = ["integer", "decimal", "float", "double", "boolean"]
            let isNumeric = numericTypes.contains(given.dataType) || given.targetDataType == "integer"
            if isNumeric == (c.type == .numeric) {
                if given.targetDataType == "integer", givenKind != nil {
                    if givenKindOK { return given }
                } else if given.dataType == "integer" {
                    if integral { return given }
                } else {
                    return given
                }
            }
        }
        if c.type == .character { return .init(itemOID: oid, dataType: "string") }
        if let kind = formatKind, formatKindOK {
            return .init(itemOID: oid, dataType: kind.rawValue, targetDataType: "integer")
        }
        return .init(itemOID: oid, dataType: integral ? "integer" : "double")
    }
}
