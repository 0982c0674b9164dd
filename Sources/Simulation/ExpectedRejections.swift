/// The faults seeded into a dirty study folder and what an import must report for them
/// (`expected-rejections.json`).
///
/// Locations use the Binder's spelling: `ae.csv:12` for a CSV row (1-based line, header =
/// line 1) and `crlm.xml: SubjectData[…]/StudyEventData[…]/FormData[…]/ItemGroupData[…]` for
/// an ODM record; a rejection matches when its location starts with the expected one.
public struct ExpectedRejections: Sendable, Hashable, Codable {
    /// One seeded fault.
    public struct Fault: Sendable, Hashable, Codable {
        /// What kind of fault (`unknown code`, `impossible date`, …).
        public var fault: String
        /// Entity of the rejected record.
        public var entity: String
        /// Record location (see the type's comment).
        public var location: String
        /// Column or ItemOID holding the bad value, if one.
        public var source: String?
        /// The bad value as written, if one.
        public var value: String?

        /// Creates a fault record.
        public init(fault: String, entity: String, location: String, source: String?, value: String?) {
            self.fault = fault
            self.entity = entity
            self.location = location
            self.source = source
            self.value = value
        }
    }

    /// Expected reconciliation of one source.
    public struct Source: Sendable, Hashable, Codable {
        /// Records in the export (CSV data rows / ODM ItemGroupData after transactions).
        public var read: Int
        /// Records that must bind.
        public var bound: Int
        /// Records that must be rejected (= `faults.count`).
        public var rejected: Int
        /// Records in per entity.
        public var readByEntity: [String: Int]
        /// The faults, one rejected record each.
        public var faults: [Fault]

        /// Creates a source expectation.
        public init(read: Int, bound: Int, rejected: Int, readByEntity: [String: Int], faults: [Fault]) {
            self.read = read
            self.bound = bound
            self.rejected = rejected
            self.readByEntity = readByEntity
            self.faults = faults
        }
    }

    /// Study id.
    public var study: String
    /// How the folder was made.
    public var description: String
    /// Expectations for the CSV export.
    public var csv: Source
    /// Expectations for the ODM export.
    public var odm: Source

    /// Creates the expectations.
    public init(study: String, description: String, csv: Source, odm: Source) {
        self.study = study
        self.description = description
        self.csv = csv
        self.odm = odm
    }
}
