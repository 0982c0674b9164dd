/// What the pipeline reports next to the statistics: the reconciliation of records and the
/// validation findings. Filled by `Pipeline`; `Analysis` only carries it to the report.
public struct RunSummary: Sendable, Codable, Equatable {
    /// One reconciliation line: a source and where its records went.
    public struct Reconciliation: Sendable, Codable, Equatable {
        /// Source (file or ODM form).
        public var source: String
        /// Records read.
        public var recordsIn: Int
        /// Records mapped into the model.
        public var mapped: Int
        /// Records rejected (with reasons in the rejection log).
        public var rejected: Int

        /// Creates a line.
        public init(source: String, recordsIn: Int, mapped: Int, rejected: Int) {
            self.source = source
            self.recordsIn = recordsIn
            self.mapped = mapped
            self.rejected = rejected
        }
    }

    /// Validation findings of one dataset.
    public struct Validation: Sendable, Codable, Equatable {
        /// Dataset name.
        public var dataset: String
        /// Records in the dataset.
        public var records: Int
        /// Error findings.
        public var errors: Int
        /// Warning findings.
        public var warnings: Int
        /// Notes.
        public var notes: Int

        /// Creates a line.
        public init(dataset: String, records: Int, errors: Int, warnings: Int, notes: Int) {
            self.dataset = dataset
            self.records = records
            self.errors = errors
            self.warnings = warnings
            self.notes = notes
        }
    }

    /// Source of the export (`csv` or `odm`).
    public var source: String
    /// Reconciliation lines.
    public var reconciliation: [Reconciliation]
    /// Validation lines.
    public var validation: [Validation]
    /// The most frequent validation messages (rule id and message, count), for the report.
    public var topFindings: [String]

    /// Creates a summary.
    public init(source: String, reconciliation: [Reconciliation], validation: [Validation], topFindings: [String]) {
        self.source = source
        self.reconciliation = reconciliation
        self.validation = validation
        self.topFindings = topFindings
    }
}
