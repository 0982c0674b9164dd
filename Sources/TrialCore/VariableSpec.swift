/// The metadata of one variable in a dataset spec (`specs/sdtm/AE.yaml` and the like).
///
/// Lengths are bytes; numeric variables have length 8. `core` follows SDTMIG/ADaMIG:
/// Req (must be present and never null), Exp (present, may be null), Perm (may be left out),
/// Cond (conditionally required).
public struct VariableSpec: Sendable, Hashable, Codable {
    /// Core designation of a variable.
    public enum Core: String, Sendable, Hashable, Codable {
        /// Required: present, never null.
        case req = "Req"
        /// Expected: present, may be null.
        case exp = "Exp"
        /// Permissible: may be omitted.
        case perm = "Perm"
        /// Conditionally required.
        case cond = "Cond"
    }

    /// Variable name, e.g. `AESTDTC`.
    public var name: String
    /// Label, ≤ 40 characters.
    public var label: String
    /// Char or Num.
    public var type: VariableType
    /// Length in bytes (Char) or 8 (Num); `nil` lets the writer use the longest value.
    public var length: Int?
    /// Req / Exp / Perm / Cond.
    public var core: Core
    /// Id of the controlled-terminology codelist the values must come from (`specs/ct/`), if any.
    public var codelist: String?
    /// SAS display format, e.g. `DATE9.`.
    public var format: String?
    /// Origin as define.xml states it (CRF, Derived, Assigned, Predecessor, Protocol).
    public var origin: String?
    /// SDTM role (Identifier, Topic, Timing, …), if given.
    public var role: String?
    /// For numeric results with a known range (e.g. a questionnaire item 1–4), the allowed range.
    public var range: ClosedRange<Double>?

    /// Creates a variable spec.
    public init(name: String, label: String, type: VariableType, length: Int? = nil,
                core: Core = .perm, codelist: String? = nil, format: String? = nil,
                origin: String? = nil, role: String? = nil, range: ClosedRange<Double>? = nil) {
        self.name = name
        self.label = label
        self.type = type
        self.length = length
        self.core = core
        self.codelist = codelist
        self.format = format
        self.origin = origin
        self.role = role
        self.range = range
    }
}
