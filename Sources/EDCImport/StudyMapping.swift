import Foundation
import StudyModel
import TrialCore

/// How one study's EDC export (CSV or ODM) becomes `StudyData`: the whole of
/// `mappings/<study>/import.yaml` plus the AE coding dictionary it names.
///
/// Load with `StudyMapping.load(directory:)`; writers (the simulator) invert it: CSV file and
/// column names, ODM OIDs, code maps (bijective), date layouts and ItemDef hints are all here.
/// ```swift
/// let mapping = try StudyMapping.load(directory: "mappings/crlm")
/// let ae = mapping.entity(.adverseEvents)!      // ae.csv, IG.AE
/// ```
public struct StudyMapping: Sendable, Hashable, Codable {
    /// Study id written into `StudyData.studyID`, e.g. `CRLM-LOCAL`.
    public var study: String
    /// CSV dialect of the export.
    public var csv: CSVDialect
    /// Study-level ODM identifiers.
    public var odm: ODMStudySettings
    /// File name (relative to the mapping folder) of the AE coding dictionary YAML, if any.
    public var aeDictionary: String?
    /// ODM StudyEventOID → visit.
    public var visits: [VisitEvent]
    /// One mapping per entity, in binding order.
    public var entities: [EntityMapping]
    /// The loaded coding dictionary (`nil` until `load` reads it, or when none is named).
    public var codingDictionary: AECodingDictionary?

    /// The mapping file name inside a mapping folder.
    public static let fileName = "import.yaml"

    private enum CodingKeys: String, CodingKey { case study, csv, odm, aeDictionary, visits, entities }

    /// Creates a mapping in code.
    public init(study: String, csv: CSVDialect, odm: ODMStudySettings, aeDictionary: String? = nil,
                visits: [VisitEvent], entities: [EntityMapping], codingDictionary: AECodingDictionary? = nil) {
        self.study = study
        self.csv = csv
        self.odm = odm
        self.aeDictionary = aeDictionary
        self.visits = visits
        self.entities = entities
        self.codingDictionary = codingDictionary
    }

    /// Decodes the YAML keys; `codingDictionary` is filled by `load`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        study = try c.decode(String.self, forKey: .study)
        csv = try c.decodeIfPresent(CSVDialect.self, forKey: .csv) ?? CSVDialect()
        odm = try c.decode(ODMStudySettings.self, forKey: .odm)
        aeDictionary = try c.decodeIfPresent(String.self, forKey: .aeDictionary)
        visits = try c.decodeIfPresent([VisitEvent].self, forKey: .visits) ?? []
        entities = try c.decode([EntityMapping].self, forKey: .entities)
        codingDictionary = nil
    }

    /// Encodes the YAML keys (not the dictionary itself).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(study, forKey: .study)
        try c.encode(csv, forKey: .csv)
        try c.encode(odm, forKey: .odm)
        try c.encodeIfPresent(aeDictionary, forKey: .aeDictionary)
        try c.encode(visits, forKey: .visits)
        try c.encode(entities, forKey: .entities)
    }

    /// The mapping of `kind`, if the study maps it.
    public func entity(_ kind: EntityKind) -> EntityMapping? { entities.first { $0.entity == kind } }

    /// The visit a StudyEventOID (and repeat key) stands for, or `nil` for an unmapped event.
    public func visit(studyEventOID: String, repeatKey: String?) -> Visit? {
        guard let e = visits.first(where: { $0.studyEventOID == studyEventOID }) else { return nil }
        if e.isUnscheduled {
            guard let k = repeatKey else { return nil }
            return Visit(name: "UNSCHEDULED " + k)
        }
        return Visit(name: e.visit)
    }

    /// The StudyEventOID and repeat key a writer uses for `visit` (inverse of `visit(studyEventOID:repeatKey:)`).
    public func studyEvent(for visit: Visit) -> (oid: String, repeatKey: String?)? {
        switch visit {
        case .scheduled:
            return visits.first(where: { !$0.isUnscheduled && Visit(name: $0.visit) == visit }).map { ($0.studyEventOID, nil) }
        case let .unscheduled(m, k):
            return visits.first(where: \.isUnscheduled).map { ($0.studyEventOID, "\(m).\(k)") }
        }
    }

    /// Reads `directory/import.yaml` and the coding dictionary it names, then validates.
    public static func load(directory: String) throws(InputError) -> StudyMapping {
        let file = (directory as NSString).appendingPathComponent(fileName)
        var m = try SpecLibrary.decode(StudyMapping.self, file: file)
        try m.validate(file: file)
        if let dict = m.aeDictionary {
            let path = (directory as NSString).appendingPathComponent(dict)
            m.codingDictionary = try SpecLibrary.decode(AECodingDictionary.self, file: path)
        }
        return m
    }

    /// Checks what decoding cannot: known field names, required fields mapped, both a CSV and
    /// an ODM source per field, bijective code maps, list shapes, keys among the fields,
    /// delimiter, visit names. Errors name `file` and the entity/field.
    public func validate(file: String) throws(InputError) {
        var problems: [Diagnostic] = []
        func bad(_ what: String, _ message: String, value: String? = nil, expected: String? = nil) {
            problems.append(Diagnostic(.error, at: .file(file), "\(what): \(message)", value: value, expected: expected))
        }
        if csv.delimiterByte == nil {
            bad("csv.delimiter", "unsupported delimiter", value: csv.delimiter, expected: "one of , ; \\t |")
        }
        for v in visits where !v.isUnscheduled && Visit(name: v.visit) == nil {
            bad("visits[\(v.studyEventOID)]", "unknown visit name", value: v.visit,
                expected: "BASELINE, MONTH 3 … MONTH 24, or UNSCHEDULED")
        }
        var seenEntities = Set<EntityKind>()
        for e in entities {
            let where_ = "entities[\(e.entity.rawValue)]"
            if !seenEntities.insert(e.entity).inserted { bad(where_, "entity mapped twice") }
            let known = Dictionary(uniqueKeysWithValues: e.entity.modelFields.map { ($0.name, $0.required) })
            var seen = Set<String>()
            for f in e.fields {
                let fw = "\(where_).\(f.field)"
                if known[f.field] == nil {
                    bad(fw, "unknown model field", value: f.field,
                        expected: e.entity.modelFields.map(\.name).joined(separator: ", "))
                }
                if !seen.insert(f.field).inserted { bad(fw, "field mapped twice") }
                if let l = f.list {
                    if l.columns.count != l.items.count {
                        bad(fw, "list has \(l.columns.count) columns but \(l.items.count) items", expected: "as many ItemOIDs as columns")
                    }
                    if l.shape == .flags && (l.flagValues?.count != l.columns.count || l.checked == nil) {
                        bad(fw, "flags list needs flagValues (one per column) and checked")
                    }
                } else {
                    if f.column == nil { bad(fw, "no CSV column", expected: "column: NAME") }
                    if f.item == nil && f.odm == nil { bad(fw, "no ODM source", expected: "item: ItemOID or odm: subjectKey|siteRef|studyEvent|…RepeatKey") }
                }
                if f.type == .code && f.codes == nil { bad(fw, "code field without codes") }
                if let c = f.codes {
                    if Set(c.codes.map { $0.uppercased() }).count != c.codes.count { bad(fw, "codes: a raw code appears twice (case-insensitively)") }
                    if Set(c.values).count != c.values.count { bad(fw, "codes: two codes map to the same value", expected: "a one-to-one map") }
                }
                if let r = f.range, r.count != 2 || r[0] > r[1] { bad(fw, "range must be [min, max]") }
                if f.type == .visit && f.odm != .studyEvent && f.item == nil { bad(fw, "visit field needs odm: studyEvent or an item") }
            }
            for (name, required) in e.entity.modelFields where required && !seen.contains(name) {
                bad(where_, "required model field not mapped", value: name)
            }
            for k in e.key where !seen.contains(k) { bad(where_, "key field not mapped", value: k) }
        }
        if !problems.isEmpty { throw InputError(problems) }
    }
}
