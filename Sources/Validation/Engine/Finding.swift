/// One place where the data breaks a rule: which rule, where (dataset, row, subject,
/// sequence number, variable), the offending value and a message a data manager can act on.
///
/// `row` is 1-based (the record number a person sees when opening the dataset); `nil`
/// means the finding is about the whole dataset or variable (e.g. a missing variable).
public struct Finding: Sendable, Hashable, Codable {
    /// Id of the rule that produced the finding, e.g. `TD0301`.
    public var ruleID: String
    /// Severity (usually the rule's; a rule may lower it for a milder case).
    public var severity: Severity
    /// Dataset name, e.g. `AE`.
    public var dataset: String
    /// 1-based record number, or `nil` for a dataset- or variable-level finding.
    public var row: Int?
    /// USUBJID of the record, when the dataset has one.
    public var usubjid: String?
    /// The record's --SEQ (or ASEQ) as text, when the dataset has one.
    public var sequence: String?
    /// The variable concerned, if any.
    public var variable: String?
    /// The offending value as found, if any.
    public var value: String?
    /// What is wrong, in words a data manager understands.
    public var message: String
    /// What was expected instead, if that can be said.
    public var expected: String?

    /// Creates a finding.
    public init(ruleID: String, severity: Severity, dataset: String, row: Int? = nil,
                usubjid: String? = nil, sequence: String? = nil, variable: String? = nil,
                value: String? = nil, message: String, expected: String? = nil) {
        self.ruleID = ruleID
        self.severity = severity
        self.dataset = dataset
        self.row = row
        self.usubjid = usubjid
        self.sequence = sequence
        self.variable = variable
        self.value = value
        self.message = message
        self.expected = expected
    }

    /// Where the finding is: `AE row 4 (USUBJID 01-701-1015, AESEQ 3), AESTDTC`.
    public var location: String {
        var s = dataset
        if let row { s += " row \(row)" }
        var ids: [String] = []
        if let usubjid, !usubjid.isEmpty { ids.append("USUBJID \(usubjid)") }
        if let sequence, !sequence.isEmpty { ids.append("SEQ \(sequence)") }
        if !ids.isEmpty { s += " (" + ids.joined(separator: ", ") + ")" }
        if let variable { s += ", \(variable)" }
        return s
    }
}
