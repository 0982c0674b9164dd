/// A controlled-terminology codelist (`specs/ct/*.yaml`): the CDISC submission values a
/// variable may take.
///
/// An extensible codelist accepts sponsor values beyond its terms (validation reports them
/// as warnings); a non-extensible one does not (errors).
public struct Codelist: Sendable, Hashable, Codable {
    /// One permitted value.
    public struct Term: Sendable, Hashable, Codable {
        /// The CDISC submission value, e.g. `F`.
        public var value: String
        /// The decode, e.g. `Female`, if any.
        public var decode: String?
        /// The NCI concept code, e.g. `C16576`, if any.
        public var code: String?

        /// Creates a term.
        public init(value: String, decode: String? = nil, code: String? = nil) {
            self.value = value
            self.decode = decode
            self.code = code
        }
    }

    /// Codelist id as referenced from variable specs, e.g. `SEX`.
    public var id: String
    /// Codelist name, e.g. `Sex`.
    public var name: String
    /// NCI code of the codelist, e.g. `C66731`, if any.
    public var code: String?
    /// Whether values outside `terms` are allowed.
    public var extensible: Bool
    /// The permitted values.
    public var terms: [Term]

    /// Creates a codelist.
    public init(id: String, name: String, code: String? = nil, extensible: Bool, terms: [Term]) {
        self.id = id
        self.name = name
        self.code = code
        self.extensible = extensible
        self.terms = terms
    }

    /// True when `value` is one of the terms' submission values (exact match).
    public func contains(_ value: String) -> Bool { terms.contains { $0.value == value } }

    /// The decode of `value`, or `nil`.
    public func decode(_ value: String) -> String? { terms.first { $0.value == value }?.decode }
}
