import TrialCore

/// The ADTTE records of one endpoint joined to ADSL: one row per subject with time, event,
/// ADSL row and group.
public struct EndpointData: Sendable {
    /// PARAMCD.
    public let paramcd: String
    /// Time per row (AVAL).
    public let time: [Double]
    /// Event per row (CNSR = 0; CNSR > 0 is a censoring).
    public let event: [Bool]
    /// ADSL row per row.
    public let adslRow: [Int]
    /// Group index per row (into `SubjectIndex.groups`).
    public let group: [Int]

    /// Selects `paramcd` from ADTTE; subjects without a group are left out, a subject unknown
    /// to ADSL or a missing time/censoring is an error.
    public init(adtte: Dataset, paramcd: String, variables v: AnalysisPlan.ADTTEVariables,
                subjects: SubjectIndex) throws(AnalysisError) {
        let p = try DatasetColumns.column(adtte, v.paramcd).values
        let idValues = try DatasetColumns.column(adtte, v.subject).values
        let aval = try DatasetColumns.numbers(adtte, v.time)
        let cnsr = try DatasetColumns.numbers(adtte, v.censor)
        var time: [Double] = [], event: [Bool] = [], rows: [Int] = [], group: [Int] = []
        var seen = [Bool](repeating: false, count: subjects.subjects.count)   // per ADSL row
        for i in 0..<adtte.rowCount where DatasetColumns.text(p[i]) == paramcd {
            let idText = DatasetColumns.text(idValues[i])
            guard let id = idText, let r = subjects.row[id] else {
                throw .badValue(dataset: adtte.name, row: i + 1, variable: v.subject, value: idText ?? "",
                                expected: "a subject present in ADSL")
            }
            guard !seen[r] else {
                throw .badValue(dataset: adtte.name, row: i + 1, variable: v.subject, value: id,
                                expected: "one \(paramcd) record per subject")
            }
            seen[r] = true
            guard let t = aval[i], t >= 0 else {
                throw .badValue(dataset: adtte.name, row: i + 1, variable: v.time, value: aval[i].map(Value.format) ?? "",
                                expected: "a time ≥ 0")
            }
            // ADaM: CNSR 0 is an event; a positive integer is a censoring (its value codes the reason).
            guard let c = cnsr[i], c >= 0, c == c.rounded() else {
                throw .badValue(dataset: adtte.name, row: i + 1, variable: v.censor, value: cnsr[i].map(Value.format) ?? "",
                                expected: "0 (event) or a positive integer (censored)")
            }
            guard let g = subjects.groupOfRow[r] else { continue }
            time.append(t); event.append(c == 0); rows.append(r); group.append(g)
        }
        self.paramcd = paramcd
        self.time = time
        self.event = event
        self.adslRow = rows
        self.group = group
    }

    /// Number of rows.
    public var count: Int { time.count }
}
