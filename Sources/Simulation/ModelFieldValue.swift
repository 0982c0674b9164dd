import StudyModel
import TrialCore

/// The value of one model field of one record, before a mapping turns it into export text.
///
/// Codes carry the model's raw value (enum raw value, or `true`/`false`); lists carry one raw
/// value per element (`nil` = missing element of a positional list).
enum ModelFieldValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case float(Double)
    case date(PartialDateTime)
    case code(String)
    case visit(Visit)
    case list([String?])
    case none

    static func of(_ s: String?) -> ModelFieldValue { s.map { .text($0) } ?? .none }
    static func of(_ i: Int?) -> ModelFieldValue { i.map { .integer($0) } ?? .none }
    static func of(_ d: Double?) -> ModelFieldValue { d.map { .float($0) } ?? .none }
    static func of(_ p: PartialDateTime?) -> ModelFieldValue { p.map { .date($0) } ?? .none }
    static func of(_ b: Bool?) -> ModelFieldValue { b.map { .code($0 ? "true" : "false") } ?? .none }
    static func code<E: RawRepresentable>(_ e: E?) -> ModelFieldValue where E.RawValue == String {
        e.map { .code($0.rawValue) } ?? .none
    }
}
