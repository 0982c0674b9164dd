/// One supplemental qualifier of a parent record (a SUPP-- row): QNAM, QLABEL, QVAL, QORIG, QEVAL.
public struct SuppQualifier: Sendable, Hashable {
    /// Qualifier name, ≤ 8 characters, e.g. `AERELLT`.
    public var qnam: String
    /// Qualifier label, ≤ 40 characters.
    public var qlabel: String
    /// The value (never empty: empty qualifiers are not written).
    public var qval: String
    /// Origin: `CRF`, `Derived` or `Assigned`.
    public var qorig: String
    /// Evaluator, e.g. `INVESTIGATOR`, or `""`.
    public var qeval: String

    /// Creates a qualifier.
    public init(_ qnam: String, _ qlabel: String, _ qval: String, origin: String = "CRF", evaluator: String = "") {
        self.qnam = qnam
        self.qlabel = qlabel
        self.qval = qval
        self.qorig = origin
        self.qeval = evaluator
    }
}
