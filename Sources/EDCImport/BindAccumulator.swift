import StudyModel
import TrialCore

/// Collects bound records, counts and rejections of one bind, then applies the cross-record
/// checks and assembles `StudyData`.
final class BindAccumulator {
    let mapping: StudyMapping
    let source: String
    /// Records read per entity, by `EntityKind.ordinal`.
    private(set) var read = [Int](repeating: 0, count: EntityKind.allCases.count)
    private var records = BoundRecords()
    private(set) var rejections: [Rejection] = []
    var warnings: [Diagnostic] = []

    /// The mapping's entities prepared for reading, by `EntityKind.ordinal`.
    private let compiled: [CompiledEntity?]
    private let csvDateFormat: EDCDateFormat
    private let cache = ParseCache()

    init(mapping: StudyMapping, source: String) {
        self.mapping = mapping
        self.source = source
        var compiled = [CompiledEntity?](repeating: nil, count: EntityKind.allCases.count)
        for e in mapping.entities { compiled[e.entity.ordinal] = CompiledEntity(e) }
        self.compiled = compiled
        csvDateFormat = mapping.csv.dateFormat.format
    }

    /// Binds one source record of `entity`.
    func add(_ record: SourceRecord, entity: EntityMapping, extraProblems: [Rejection] = []) {
        let k = entity.entity.ordinal
        read[k] += 1
        let c = compiled[k] ?? CompiledEntity(entity)   // `entity` is one of `mapping.entities`
        var reader = FieldReader(record: record, entity: c, csvDateFormat: csvDateFormat, cache: cache)
        reader.problems = extraProblems
        if !records.add(&reader, location: record.location) {
            rejections.append(contentsOf: reader.problems)
        }
    }

    /// Takes over everything `other` (the accumulator of later files) has collected: its
    /// counts, records, rejections and warnings, appended after this one's.
    func absorb(_ other: BindAccumulator) {
        for k in read.indices { read[k] += other.read[k] }
        records.append(other.records)
        other.records = BoundRecords()
        rejections += other.rejections
        warnings += other.warnings
    }

    /// Counts a record that could not even be read (malformed CSV row).
    func addUnreadable(_ entity: EntityKind, _ rejection: Rejection) {
        read[entity.ordinal] += 1
        rejections.append(rejection)
    }

    /// `list` without the records whose key an earlier record already has (each rejected).
    private func firstOfEachKey<R: BindableRecord>(_ list: [R], _ e: EntityMapping) -> [R] {
        var seen: [RecordKey: Int] = [:]   // key → index of its first record
        seen.reserveCapacity(list.count)
        var dropped: [Int] = []
        for i in list.indices {
            let key = RecordKey(list[i], e.key)
            if let first = seen[key] {
                let shown = zip(e.key, key.parts).map { "\($0)=\($1.text)" }.joined(separator: ", ")
                rejections.append(Rejection(entity: e.entity, location: list[i].location,
                                            reason: "duplicate key \(shown) (first record at \(list[first].location.description))"))
                dropped.append(i)
            } else {
                seen[key] = i
            }
        }
        return Self.removing(dropped, from: list)
    }

    /// `list` without the records whose subject has no bound subject record (each rejected).
    private func withSubject<R: BindableRecord>(_ list: [R], _ e: EntityMapping, _ subjects: [String: Int], dm: String) -> [R] {
        var last: String? = nil
        var dropped: [Int] = []
        for i in list.indices {
            let id = list[i].subjectID
            if id == last { continue }
            if subjects[id] != nil { last = id; continue }
            rejections.append(Rejection(entity: e.entity, location: list[i].location,
                                        reason: "subject \(id) has no bound record in \(dm)",
                                        value: id, expected: "a subject of \(dm)"))
            dropped.append(i)
        }
        return Self.removing(dropped, from: list)
    }

    /// `list` without the elements at the ascending indexes `dropped` (the list itself when none).
    static func removing<R>(_ dropped: [Int], from list: [R]) -> [R] {
        if dropped.isEmpty { return list }
        var out: [R] = []
        out.reserveCapacity(list.count - dropped.count)
        var d = 0
        for i in list.indices {
            if d < dropped.count && dropped[d] == i { d += 1; continue }
            out.append(list[i])
        }
        return out
    }

    /// Runs the cross-record checks and returns the study and the report.
    func finish() -> BindResult {
        var r = records
        records = BoundRecords()
        // 1. Duplicate keys: the first record wins.
        for e in mapping.entities {
            switch e.entity {
            case .subjects: r.subjects = firstOfEachKey(r.subjects, e)
            case .baseline: r.baselines = firstOfEachKey(r.baselines, e)
            case .procedures: r.procedures = firstOfEachKey(r.procedures, e)
            case .systemicTherapies: r.systemicTherapies = firstOfEachKey(r.systemicTherapies, e)
            case .lesions: r.lesions = firstOfEachKey(r.lesions, e)
            case .responses: r.responses = firstOfEachKey(r.responses, e)
            case .adverseEvents: r.adverseEvents = firstOfEachKey(r.adverseEvents, e)
            case .questionnaires: r.questionnaires = firstOfEachKey(r.questionnaires, e)
            case .dispositions: r.dispositions = firstOfEachKey(r.dispositions, e)
            case .visits: r.visits = firstOfEachKey(r.visits, e)
            }
        }
        // 2. Subjects need their baseline record; baseline needs its subject.
        var baselineBySubject: [String: BaselineDisease] = [:]
        baselineBySubject.reserveCapacity(r.baselines.count)
        for b in r.baselines { baselineBySubject[b.subjectID] = b.disease }
        var subjects: [String: Int] = [:]   // subject id → index in `kept`
        subjects.reserveCapacity(r.subjects.count)
        var kept: [Subject] = []
        kept.reserveCapacity(r.subjects.count)
        let baselineMapped = mapping.entity(.baseline) != nil
        for var s in r.subjects {
            if let b = baselineBySubject[s.subjectID] { s.baseline = b } else if baselineMapped {
                rejections.append(Rejection(entity: .subjects, location: s.location,
                                            reason: "no bound baseline record for subject \(s.subjectID)",
                                            expected: "one record in \(mapping.entity(.baseline)?.csv ?? "baseline") per subject"))
                continue
            }
            subjects[s.subjectID] = kept.count
            kept.append(s)
        }
        r.subjects = kept
        kept = []
        baselineBySubject = [:]
        // 3. Every other record needs a bound subject.
        let dm = mapping.entity(.subjects).map { source == "csv" ? $0.csv : $0.odm.itemGroupOID } ?? "DM"
        for e in mapping.entities {
            switch e.entity {
            case .subjects: break
            case .baseline: r.baselines = withSubject(r.baselines, e, subjects, dm: dm)
            case .procedures: r.procedures = withSubject(r.procedures, e, subjects, dm: dm)
            case .systemicTherapies: r.systemicTherapies = withSubject(r.systemicTherapies, e, subjects, dm: dm)
            case .lesions: r.lesions = withSubject(r.lesions, e, subjects, dm: dm)
            case .responses: r.responses = withSubject(r.responses, e, subjects, dm: dm)
            case .adverseEvents: r.adverseEvents = withSubject(r.adverseEvents, e, subjects, dm: dm)
            case .questionnaires: r.questionnaires = withSubject(r.questionnaires, e, subjects, dm: dm)
            case .dispositions: r.dispositions = withSubject(r.dispositions, e, subjects, dm: dm)
            case .visits: r.visits = withSubject(r.visits, e, subjects, dm: dm)
            }
        }
        // 4. Death cannot precede inclusion.
        r.dispositions = r.dispositions.filter { d in
            guard let death = d.deathDate, let i = subjects[d.subjectID], let incl = r.subjects[i].inclusionDate,
                  Self.isBefore(death, incl) else { return true }
            rejections.append(Rejection(entity: .dispositions, location: d.location,
                                        reason: "death date is before the inclusion date \(incl.iso8601)", value: death.iso8601,
                                        expected: "a date on or after \(incl.iso8601)"))
            return false
        }

        // Baseline records count as bound when merged into a bound subject (all left after step 3).
        var bound = [Int](repeating: 0, count: EntityKind.allCases.count)
        bound[EntityKind.subjects.ordinal] = r.subjects.count
        bound[EntityKind.baseline.ordinal] = r.baselines.count
        bound[EntityKind.procedures.ordinal] = r.procedures.count
        bound[EntityKind.systemicTherapies.ordinal] = r.systemicTherapies.count
        bound[EntityKind.lesions.ordinal] = r.lesions.count
        bound[EntityKind.responses.ordinal] = r.responses.count
        bound[EntityKind.adverseEvents.ordinal] = r.adverseEvents.count
        bound[EntityKind.questionnaires.ordinal] = r.questionnaires.count
        bound[EntityKind.dispositions.ordinal] = r.dispositions.count
        bound[EntityKind.visits.ordinal] = r.visits.count
        r.baselines = []

        var study = StudyData(studyID: mapping.study)
        study.subjects = r.subjects
        study.procedures = r.procedures
        study.systemicTherapies = r.systemicTherapies
        study.lesions = r.lesions
        study.responses = r.responses
        study.adverseEvents = r.adverseEvents
        study.questionnaires = r.questionnaires
        study.dispositions = r.dispositions
        study.visits = r.visits
        r = BoundRecords()
        Self.sort(&study)

        let counts = mapping.entities.map { e -> (entity: EntityKind, count: BindReport.Count) in
            let n = read[e.entity.ordinal], b = bound[e.entity.ordinal]
            return (e.entity, BindReport.Count(read: n, bound: b, rejected: n - b))
        }
        let report = BindReport(study: mapping.study, source: source, counts: counts, rejections: rejections, warnings: warnings)
        return BindResult(study: study, report: report)
    }

    /// True when `a` is certainly before `b`, comparing the components both know (year, month, day).
    static func isBefore(_ a: PartialDateTime, _ b: PartialDateTime) -> Bool {
        for (x, y) in [(a.year, b.year), (a.month, b.month), (a.day, b.day)] {
            guard let x, let y else { return false }
            if x != y { return x < y }
        }
        return false
    }

    /// Key order: subject, then visit / number / line / lesion.
    static func sort(_ s: inout StudyData) {
        s.subjects.sort { $0.subjectID < $1.subjectID }
        s.procedures.sort { ($0.subjectID, $0.number) < ($1.subjectID, $1.number) }
        s.systemicTherapies.sort { ($0.subjectID, $0.line) < ($1.subjectID, $1.line) }
        s.lesions.sort { ($0.subjectID, $0.visit.number, $0.lesionID) < ($1.subjectID, $1.visit.number, $1.lesionID) }
        s.responses.sort { ($0.subjectID, $0.visit.number) < ($1.subjectID, $1.visit.number) }
        s.adverseEvents.sort { ($0.subjectID, $0.number) < ($1.subjectID, $1.number) }
        s.questionnaires.sort { ($0.subjectID, $0.visit.number) < ($1.subjectID, $1.visit.number) }
        s.dispositions.sort { $0.subjectID < $1.subjectID }
        s.visits.sort { ($0.subjectID, $0.visit.number) < ($1.subjectID, $1.visit.number) }
    }
}
