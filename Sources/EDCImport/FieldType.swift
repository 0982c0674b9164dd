/// What kind of value a mapped field holds, which decides how a raw string is read.
///
/// - `text`: kept as written (trimmed of surrounding blanks).
/// - `integer`, `float`: decimal numbers (`.` as decimal mark).
/// - `date`: a possibly partial date: CSV in the field's or dialect's `dateFormat`, ODM in ISO 8601.
/// - `code`: looked up in the field's `codes` map (an unknown code is a rejection).
/// - `visit`: a visit name (`BASELINE`, `MONTH 3`, `UNSCHEDULED 3.1`), after `codes` if given;
///   in ODM it comes from the StudyEventOID through `StudyMapping.visits`.
public enum FieldType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Free text.
    case text
    /// Whole number.
    case integer
    /// Decimal number.
    case float
    /// Partial or complete date.
    case date
    /// A coded value mapped to a model enum (or `true`/`false`).
    case code
    /// A visit.
    case visit
}
