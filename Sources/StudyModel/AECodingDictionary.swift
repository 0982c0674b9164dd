/// A small adverse-event coding dictionary: verbatim terms (and their known misspellings)
/// to a preferred term (AEDECOD) and body system (AEBODSYS).
///
/// MedDRA itself is licensed; the example study ships its own dictionary in this shape.
/// Lookup is by normalized verbatim: upper case, inner blanks collapsed, trimmed.
public struct AECodingDictionary: Sendable, Hashable, Codable {
    /// One coded term with the verbatim spellings that map to it.
    public struct Entry: Sendable, Hashable, Codable {
        /// Preferred term, e.g. `Nausea`.
        public var preferredTerm: String
        /// System organ class, e.g. `Gastrointestinal disorders`.
        public var bodySystem: String
        /// Verbatim spellings (any case) that code to this term, including typos seen in exports.
        public var verbatims: [String]

        /// Creates an entry.
        public init(preferredTerm: String, bodySystem: String, verbatims: [String]) {
            self.preferredTerm = preferredTerm
            self.bodySystem = bodySystem
            self.verbatims = verbatims
        }
    }

    /// Dictionary name and version, e.g. `CRLM example dictionary 1.0 (MedDRA-like)`.
    public var version: String
    /// The entries.
    public var entries: [Entry]

    /// Creates a dictionary.
    public init(version: String, entries: [Entry]) {
        self.version = version
        self.entries = entries
    }

    /// The entry coding `verbatim`, or `nil` when the term is not in the dictionary.
    /// The preferred term itself always codes to its entry.
    public func code(_ verbatim: String) -> Entry? {
        let key = Self.normalize(verbatim)
        for e in entries {
            if Self.normalize(e.preferredTerm) == key || e.verbatims.contains(where: { Self.normalize($0) == key }) {
                return e
            }
        }
        return nil
    }

    /// Upper case, trimmed, inner runs of blanks collapsed to one.
    public static func normalize(_ s: String) -> String {
        s.uppercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
