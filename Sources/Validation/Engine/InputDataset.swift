import TrialCore

/// A dataset under validation with what rules need to know about it, computed once: its
/// standard (SDTM or ADaM), SDTM domain code, spec (if any), the interned subject of every
/// row, and every character `--DTC` column parsed to day numbers.
public struct InputDataset: Sendable {
    /// The data as read.
    public let dataset: Dataset
    /// Dataset name, upper case (`AE`, `QSPH`, `ADTTE`).
    public let name: String
    /// SDTM or ADaM.
    public let standard: Standard
    /// SDTM domain code from the DOMAIN variable (`QS` for a split `QSPH`), else the name.
    public let domain: String
    /// The spec that describes it (by name, else by domain for split SDTM datasets), if any.
    public let spec: DatasetSpec?
    /// Interned subject number of every row (index into `ValidationContext.subjectIDs`),
    /// `-1` when the dataset has no USUBJID or the value is empty.
    public let subjects: [Int32]
    /// Index of the USUBJID column, if any.
    public let usubjidColumn: Int?
    /// Index of the sequence column (`--SEQ` for SDTM, `ASEQ` for ADaM), if any.
    public let sequenceColumn: Int?
    /// Parsed character `*DTC` columns by upper-case name.
    public let dates: [String: DateColumn]
    /// The rows grouped by subject.
    public let groups: SubjectGroups
    /// Rows of the same dataset that precede this one when it is one chunk of a study
    /// (`ChunkedValidation`); 0 when the whole dataset is validated. Findings name record
    /// `rowOffset + row + 1`, the record number in the study's file.
    public let rowOffset: Int

    init(dataset: Dataset, spec: DatasetSpec?, standard: Standard, subjects: [Int32],
         subjectCount: Int, dates: [String: DateColumn], rowOffset: Int = 0) {
        self.rowOffset = rowOffset
        self.groups = SubjectGroups(subjects: subjects, subjectCount: subjectCount)
        self.dataset = dataset
        self.name = dataset.name.uppercased()
        self.spec = spec
        self.standard = standard
        self.domain = InputDataset.domainCode(of: dataset, standard: standard)
        self.subjects = subjects
        self.usubjidColumn = dataset.columnIndex("USUBJID")
        self.dates = dates
        let seqName = standard == .adam ? "ASEQ" : domain + "SEQ"
        self.sequenceColumn = dataset.columnIndex(seqName)
    }

    /// The DOMAIN value of the first row that has one (2 letters), else the dataset name.
    static func domainCode(of dataset: Dataset, standard: Standard) -> String {
        if standard == .sdtm, let c = dataset.column("DOMAIN") {
            for v in c.values {
                let s = v.text.uppercased()
                if !s.isEmpty { return s }
            }
        }
        return dataset.name.uppercased()
    }

    /// Number of rows.
    public var rowCount: Int { dataset.rowCount }

    /// The 1-based record number in the study's dataset of `row` (0-based, in this chunk).
    public func recordNumber(_ row: Int) -> Int { rowOffset + row + 1 }

    /// The column `name` (case-insensitive), or `nil`.
    public func column(_ name: String) -> Column? { dataset.column(name) }

    /// The values of column `name`, or `nil` when the dataset lacks it.
    public func values(_ name: String) -> [Value]? { dataset.column(name)?.values }

    /// The USUBJID of `row` (0-based), or `nil`.
    public func usubjid(row: Int) -> String? {
        guard let c = usubjidColumn, row < dataset.columns[c].values.count else { return nil }
        let s = dataset.columns[c].values[row].text
        return s.isEmpty ? nil : s
    }

    /// The --SEQ / ASEQ of `row` (0-based) as text, or `nil`.
    public func sequenceText(row: Int) -> String? {
        guard let c = sequenceColumn, row < dataset.columns[c].values.count else { return nil }
        let s = dataset.columns[c].values[row].text
        return s.isEmpty ? nil : s
    }

    /// Names of the `*DTC` columns whose name starts with the domain prefix or `RF`
    /// (SDTM timing variables), in column order.
    public var dateColumnNames: [String] {
        dataset.columns.map { $0.name.uppercased() }.filter { dates[$0] != nil }
    }
}
