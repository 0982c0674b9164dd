import StudyModel
import TrialCore

/// Collects bound records, counts and rejections of one bind, then applies the cross-record
/// checks and assembles `StudyData`.
final class BindAccumulator {
    let mapping: StudyMapping
    let source: String
    private(set) var read: [EntityKind: Int] = [:]
    private var records: [EntityKind: [(record: BoundRecord, location: SourceLocation)]] = [:]
    private(set) var rejections: [Rejection] = []
    var warnings: [Diagnostic] = []

    private var required: [EntityKind: Set<String>] = [:]
    private let cache = ParseCache()

    init(mapping: StudyMapping, source: String) {
        self.mapping = mapping
        self.source = source
        for e in EntityKind.allCases { required[e] = Set(e.modelFields.filter(\.required).map(\.name)) }
    }

    /// Binds one source record of `entity`.
    func add(_ record: SourceRecord, entity: EntityMapping, extraProblems: [Rejection] = []) {
        read[entity.entity, default: 0] += 1
        var reader = FieldReader(record: record, entity: entity, csvDateFormat: mapping.csv.dateFormat.format, required: required[entity.entity] ?? [], cache: cache)
        reader.problems = extraProblems
        let bound = BoundRecord.build(&reader, provenance: Provenance(record.location))
        if let bound, reader.problems.isEmpty {
            records[entity.entity, default: []].append((bound, record.location))
        } else {
            rejections.append(contentsOf: reader.problems)
        }
    }

    /// Counts a record that could not even be read (malformed CSV row).
    func addUnreadable(_ entity: EntityKind, _ rejection: Rejection) {
        read[entity, default: 0] += 1
        rejections.append(rejection)
    }

    /// Runs the cross-record checks and returns the study and the report.
    func finish() -> BindResult {
        var bound: [EntityKind: [(record: BoundRecord, location: SourceLocation)]] = [:]
        // 1. Duplicate keys: the first record wins.
        for e in mapping.entities {
            var seen: [[String]: SourceLocation] = [:]
            for item in records[e.entity] ?? [] {
                let key = e.key.map { item.record.keyValue($0) }
                if let first = seen[key] {
                    let shown = zip(e.key, key).map { "\($0)=\($1)" }.joined(separator: ", ")
                    rejections.append(Rejection(entity: e.entity, location: item.location,
                                                reason: "duplicate key \(shown) (first record at \(first.description))"))
                } else {
                    seen[key] = item.location
                    bound[e.entity, default: []].append(item)
                }
            }
            records[e.entity] = nil  // release the unfiltered copy
        }
        // 2. Subjects need their baseline record; baseline needs its subject.
        var baselineBySubject: [String: (BaselineDisease, SourceLocation)] = [:]
        for item in bound[.baseline] ?? [] {
            if case let .baseline(id, b) = item.record { baselineBySubject[id] = (b, item.location) }
        }
        var subjects: [String: Subject] = [:]
        var keptSubjects: [(record: BoundRecord, location: SourceLocation)] = []
        let baselineMapped = mapping.entity(.baseline) != nil
        for item in bound[.subjects] ?? [] {
            guard case var .subject(s) = item.record else { continue }
            if let b = baselineBySubject[s.subjectID] { s.baseline = b.0 } else if baselineMapped {
                rejections.append(Rejection(entity: .subjects, location: item.location,
                                            reason: "no bound baseline record for subject \(s.subjectID)",
                                            expected: "one record in \(mapping.entity(.baseline)?.csv ?? "baseline") per subject"))
                continue
            }
            subjects[s.subjectID] = s
            keptSubjects.append((.subject(s), item.location))
        }
        bound[.subjects] = keptSubjects
        // 3. Every other record needs a bound subject.
        let dm = mapping.entity(.subjects).map { source == "csv" ? $0.csv : $0.odm.itemGroupOID } ?? "DM"
        for e in mapping.entities where e.entity != .subjects {
            bound[e.entity] = (bound[e.entity] ?? []).filter { item in
                if subjects[item.record.subjectID] != nil { return true }
                rejections.append(Rejection(entity: e.entity, location: item.location,
                                            reason: "subject \(item.record.subjectID) has no bound record in \(dm)",
                                            value: item.record.subjectID, expected: "a subject of \(dm)"))
                return false
            }
        }
        // 4. Death cannot precede inclusion.
        bound[.dispositions] = (bound[.dispositions] ?? []).filter { item in
            guard case let .disposition(d) = item.record, let death = d.deathDate,
                  let incl = subjects[d.subjectID]?.inclusionDate, Self.isBefore(death, incl) else { return true }
            rejections.append(Rejection(entity: .dispositions, location: item.location,
                                        reason: "death date is before the inclusion date \(incl.iso8601)", value: death.iso8601,
                                        expected: "a date on or after \(incl.iso8601)"))
            return false
        }

        var boundCount: [EntityKind: Int] = [:]
        for e in EntityKind.allCases { boundCount[e] = bound[e]?.count ?? 0 }
        // Baseline records count as bound when merged into a bound subject.
        boundCount[.baseline] = (bound[.baseline] ?? []).filter { subjects[$0.record.subjectID] != nil }.count
        bound[.baseline] = nil

        // Move the records into the study one entity at a time, releasing each list.
        var study = StudyData(studyID: mapping.study)
        func drain(_ e: EntityKind, _ body: (BoundRecord) -> Void) {
            for item in bound[e] ?? [] { body(item.record) }
            bound[e] = nil
        }
        drain(.subjects) { if case let .subject(s) = $0 { study.subjects.append(s) } }
        drain(.procedures) { if case let .procedure(r) = $0 { study.procedures.append(r) } }
        drain(.systemicTherapies) { if case let .systemicTherapy(r) = $0 { study.systemicTherapies.append(r) } }
        drain(.lesions) { if case let .lesion(r) = $0 { study.lesions.append(r) } }
        drain(.responses) { if case let .response(r) = $0 { study.responses.append(r) } }
        drain(.adverseEvents) { if case let .adverseEvent(r) = $0 { study.adverseEvents.append(r) } }
        drain(.questionnaires) { if case let .questionnaire(r) = $0 { study.questionnaires.append(r) } }
        drain(.dispositions) { if case let .disposition(r) = $0 { study.dispositions.append(r) } }
        drain(.visits) { if case let .visit(r) = $0 { study.visits.append(r) } }
        Self.sort(&study)

        let counts = mapping.entities.map { e -> (entity: EntityKind, count: BindReport.Count) in
            let r = read[e.entity] ?? 0, b = boundCount[e.entity] ?? 0
            return (e.entity, BindReport.Count(read: r, bound: b, rejected: r - b))
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
