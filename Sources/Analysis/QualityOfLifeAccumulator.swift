import TrialCore

/// Collects what the QLQ-C30 analysis needs from ADQS, one chunk of subjects at a time.
///
/// Per scale × group × visit it keeps the scores and the changes from baseline as
/// `ScoreHistogram`s (value → count: exact n, median, min, max; mean and SD from an accurate
/// sum), and per group × visit the number of subjects with a score (completion). Memory grows
/// with the number of distinct scores, not with the number of subjects, and the statistics do
/// not depend on how the subjects were cut into chunks. Rows are selected as the plan's `adqs`
/// says (the filter flag = "Y"); a plan without `adqs` ignores what is added.
///
/// Example (the pipeline derives ADaM per chunk of subjects):
/// ```swift
/// var qol = QualityOfLifeAccumulator(plan: plan)
/// for chunk in chunks { try qol.add(adqs: chunk.adqs, adsl: chunk.adsl) }
/// let results = try TrialAnalysis.run(plan: plan, adsl: adsl, adtte: adtte, adae: adae, qualityOfLife: qol)
/// ```
public struct QualityOfLifeAccumulator: Sendable {
    /// The ADQS variable names (nil: no QLQ-C30 analysis planned).
    let variables: AnalysisPlan.ADQSVariables?
    /// The plan's subject variable and group variable (read from each chunk's ADSL).
    let subjectVariable: String
    let groupVariable: String

    /// One scale × group × visit cell (indexes into `params`, `groups`, `visits`).
    struct CellKey: Hashable, Sendable { let param: Int; let group: Int; let visit: Int }
    /// One group × visit (completion).
    struct VisitKey: Hashable, Sendable { let group: Int; let visit: Int }

    /// Whether any chunk was added (no chunk: no QLQ-C30 summary, as without ADQS).
    private(set) var hasData = false
    /// Name of the ADQS dataset added (for error messages).
    private(set) var datasetName = "ADQS"
    /// Scale codes in order of first appearance, and their labels.
    private(set) var params: [String] = []
    private(set) var paramLabels: [String] = []
    private var paramIndex: [String: Int] = [:]
    /// Group labels (values of the group variable) in order of first appearance.
    private(set) var groups: [String] = []
    /// Visit numbers in order of first appearance, and the label first seen with each.
    private(set) var visits: [Double] = []
    private(set) var visitLabels: [String] = []
    private var visitIndex: [Double: Int] = [:]
    /// Scores (AVAL) and changes from baseline (CHG) per cell.
    private(set) var values: [CellKey: ScoreHistogram] = [:]
    private(set) var changes: [CellKey: ScoreHistogram] = [:]
    /// Subjects with at least one score, per group and visit.
    private(set) var completed: [VisitKey: Int] = [:]
    /// Every subject whose selected rows were added, with its group label (nil: no group), to
    /// check that a subject is not split across chunks and that its group agrees with ADSL.
    private(set) var subjectGroups: [String: String?] = [:]

    /// An empty accumulator for `plan`.
    public init(plan: AnalysisPlan) {
        variables = plan.adqs
        subjectVariable = plan.subject
        groupVariable = plan.group.variable
    }

    /// Adds the ADQS rows of one chunk (whole subjects); `adsl` is that chunk's ADSL (for group membership), if needed.
    ///
    /// Errors: a missing variable; in the rows analysed (filter flag "Y"), a non-numeric visit
    /// number, a non-numeric or non-finite AVAL/CHG, a subject absent from `adsl` or already added
    /// with an earlier chunk (rows numbered from 1 within the chunk's ADQS).
    public mutating func add(adqs: Dataset, adsl: Dataset) throws(AnalysisError) {
        guard let v = variables else { return }
        // The chunk's ADSL: subject → group label.
        let adslIDs = try DatasetColumns.strings(adsl, subjectVariable)
        let adslGroups = try DatasetColumns.strings(adsl, groupVariable)
        var groupOfSubject: [String: String?] = [:]
        groupOfSubject.reserveCapacity(adsl.rowCount)
        for (i, id) in adslIDs.enumerated() {
            guard let id else {
                throw .badValue(dataset: adsl.name, row: i + 1, variable: subjectVariable, value: "", expected: "a subject identifier")
            }
            if groupOfSubject.updateValue(adslGroups[i], forKey: id) != nil {
                throw .badValue(dataset: adsl.name, row: i + 1, variable: subjectVariable, value: id, expected: "one ADSL row per subject")
            }
        }

        let ids = try DatasetColumns.column(adqs, v.subject).values
        let pcd = try DatasetColumns.column(adqs, v.paramcd).values
        let prm = try DatasetColumns.column(adqs, v.param).values
        let vis = try DatasetColumns.column(adqs, v.visit).values
        let visn = try DatasetColumns.column(adqs, v.visitNumber).values
        let aval = try DatasetColumns.column(adqs, v.value).values
        let chg = try DatasetColumns.column(adqs, v.change).values
        let flag = try v.filterFlag.map { f throws(AnalysisError) in try DatasetColumns.column(adqs, f).values }
        hasData = true
        datasetName = adqs.name

        // Subjects of this chunk, and the (subject, group × visit) pairs with a score (completion).
        struct Scored: Hashable { let subject: Int; let visit: VisitKey }
        var chunkSubjects: [String: Int] = [:]
        var scored = Set<Scored>()
        // ADQS is usually sorted by subject, parameter and visit: the previous row's lookups are reused.
        var lastID: String? = nil, lastSubject = -1, lastGroup: String?? = nil
        var lastParam: String? = nil, lastParamIndex = -1
        var lastScored: Scored? = nil
        for i in 0..<adqs.rowCount {
            if let flag, DatasetColumns.text(flag[i]) != "Y" { continue }
            let idText = DatasetColumns.text(ids[i])
            let subject: Int, group: String?
            if let idText, idText == lastID, let g = lastGroup {
                subject = lastSubject
                group = g
            } else {
                guard let id = idText, let g = groupOfSubject[id] else {
                    throw .badValue(dataset: adqs.name, row: i + 1, variable: v.subject, value: idText ?? "",
                                    expected: "a subject present in ADSL")
                }
                if let k = chunkSubjects[id] { subject = k } else {
                    if subjectGroups[id] != nil {
                        throw .badValue(dataset: adqs.name, row: i + 1, variable: v.subject, value: id,
                                        expected: "all records of a subject in one chunk (the subject was in an earlier chunk)")
                    }
                    subject = chunkSubjects.count
                    chunkSubjects[id] = subject
                    subjectGroups[id] = g
                }
                group = g
                lastID = id; lastSubject = subject; lastGroup = .some(g)
            }
            guard let groupLabel = group, let p = DatasetColumns.text(pcd[i]),
                  let vn = try DatasetColumns.number(visn[i], dataset: adqs.name, row: i, variable: v.visitNumber) else { continue }
            let x = try DatasetColumns.number(aval[i], dataset: adqs.name, row: i, variable: v.value)
            let c = try DatasetColumns.number(chg[i], dataset: adqs.name, row: i, variable: v.change)
            if let x, !x.isFinite {
                throw .badValue(dataset: adqs.name, row: i + 1, variable: v.value, value: Value.format(x), expected: "a finite number")
            }
            if let c, !c.isFinite {
                throw .badValue(dataset: adqs.name, row: i + 1, variable: v.change, value: Value.format(c), expected: "a finite number")
            }
            let g = index(of: groupLabel)
            let pi: Int
            if p == lastParam { pi = lastParamIndex } else if let k = paramIndex[p] { pi = k } else {
                pi = params.count
                paramIndex[p] = pi
                params.append(p)
                paramLabels.append(DatasetColumns.text(prm[i]) ?? p)
            }
            lastParam = p; lastParamIndex = pi
            let vi: Int
            if let k = visitIndex[vn] { vi = k } else {
                vi = visits.count
                visitIndex[vn] = vi
                visits.append(vn)
                visitLabels.append(DatasetColumns.text(vis[i]) ?? Value.format(vn))
            }
            let key = CellKey(param: pi, group: g, visit: vi)
            if let x {
                values[key, default: ScoreHistogram()].add(x)
                let sc = Scored(subject: subject, visit: VisitKey(group: g, visit: vi))
                if sc != lastScored { scored.insert(sc); lastScored = sc }
            }
            if let c { changes[key, default: ScoreHistogram()].add(c) }
        }
        // Completion: a subject counts once per group × visit with a score (subjects are whole
        // within a chunk, so the counts of chunks add up).
        for s in scored { completed[s.visit, default: 0] += 1 }
    }

    /// Adds everything `other` collected (e.g. chunks accumulated in another task), as if its
    /// chunks had been added after this accumulator's: the result is the same as adding all
    /// chunks to one accumulator in that order. A subject in both is an error.
    public mutating func merge(_ other: QualityOfLifeAccumulator) throws(AnalysisError) {
        guard other.hasData else { return }
        if let id = other.subjectGroups.keys.filter({ subjectGroups[$0] != nil }).min(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            throw .badValue(dataset: other.datasetName, row: 0, variable: variables?.subject ?? subjectVariable, value: id,
                            expected: "all records of a subject in one chunk (the subject is in both accumulators)")
        }
        if !hasData { datasetName = other.datasetName }
        hasData = true
        let p = Self.adopt(other.params, other.paramLabels, keys: &params, labels: &paramLabels, index: &paramIndex)
        let g = other.groups.map { index(of: $0) }
        let v = Self.adopt(other.visits, other.visitLabels, keys: &visits, labels: &visitLabels, index: &visitIndex)
        func mapped(_ k: CellKey) -> CellKey { CellKey(param: p[k.param], group: g[k.group], visit: v[k.visit]) }
        for (k, h) in other.values { values[mapped(k), default: ScoreHistogram()].merge(h) }
        for (k, h) in other.changes { changes[mapped(k), default: ScoreHistogram()].merge(h) }
        for (k, c) in other.completed { completed[VisitKey(group: g[k.group], visit: v[k.visit]), default: 0] += c }
        subjectGroups.merge(other.subjectGroups) { a, _ in a }
    }

    /// The positions in `keys` of `theirs` (another accumulator's parameters or visits), adding
    /// the ones not seen yet with their labels.
    private static func adopt<K: Hashable>(_ theirs: [K], _ theirLabels: [String], keys: inout [K], labels: inout [String],
                                           index: inout [K: Int]) -> [Int] {
        theirs.indices.map { k -> Int in
            if let i = index[theirs[k]] { return i }
            index[theirs[k]] = keys.count
            keys.append(theirs[k])
            labels.append(theirLabels[k])
            return keys.count - 1
        }
    }

    /// The index of group label `label`, added on first use.
    private mutating func index(of label: String) -> Int {
        if let k = groups.firstIndex(of: label) { return k }
        groups.append(label)
        return groups.count - 1
    }
}
