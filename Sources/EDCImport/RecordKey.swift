import StudyModel
import TrialCore

/// The value of an entity's key fields (`EntityMapping.key`) in one bound record, for finding
/// duplicate keys: hashed as typed values (a visit, a number) rather than as text, with no
/// array for keys of up to three fields.
struct RecordKey: Hashable {
    /// One key field's value.
    enum Part: Hashable {
        case text(String)
        case int(Int)
        case visit(Visit)
        /// A field the key cannot be read from (compares equal, as its text `""` did).
        case none

        /// The value as shown in messages: the text, the number, the visit name, or `""`.
        var text: String {
            switch self {
            case .text(let s): return s
            case .int(let n): return String(n)
            case .visit(let v): return v.name
            case .none: return ""
            }
        }
    }

    var first: Part
    var second: Part
    var third: Part
    var rest: [Part]

    /// The key of `record` for the key fields `fields`.
    init<R: BindableRecord>(_ record: R, _ fields: [String]) {
        first = fields.isEmpty ? .none : record.keyPart(fields[0])
        second = fields.count < 2 ? .none : record.keyPart(fields[1])
        third = fields.count < 3 ? .none : record.keyPart(fields[2])
        rest = fields.count < 4 ? [] : fields[3...].map { record.keyPart($0) }
    }

    /// The parts in key-field order.
    var parts: [Part] { [first, second, third] + rest }
}

/// A bound model record as the cross-record checks see it.
protocol BindableRecord {
    /// The subject it belongs to.
    var subjectID: String { get }
    /// Where it was read.
    var location: SourceLocation { get }
    /// The value of key field `field` (`subjectID`, `visit`, `number`, `line`, `lesionID`, `date`).
    func keyPart(_ field: String) -> RecordKey.Part
}

extension BindableRecord {
    /// The key part of a date field: its ISO 8601 text (`""` when absent).
    static func datePart(_ d: PartialDateTime?) -> RecordKey.Part { .text(d?.iso8601 ?? "") }
}

extension Subject: BindableRecord {
    var location: SourceLocation { provenance.location }
    func keyPart(_ field: String) -> RecordKey.Part { field == "subjectID" ? .text(subjectID) : .none }
}

extension BoundRecords.BaselineRecord: BindableRecord {
    func keyPart(_ field: String) -> RecordKey.Part { field == "subjectID" ? .text(subjectID) : .none }
}

extension Procedure: BindableRecord {
    var location: SourceLocation { provenance.location }
    func keyPart(_ field: String) -> RecordKey.Part {
        switch field {
        case "subjectID": return .text(subjectID)
        case "number": return .int(number)
        case "date": return Self.datePart(date)
        default: return .none
        }
    }
}

extension SystemicTherapy: BindableRecord {
    var location: SourceLocation { provenance.location }
    func keyPart(_ field: String) -> RecordKey.Part {
        switch field {
        case "subjectID": return .text(subjectID)
        case "line": return .int(line)
        default: return .none
        }
    }
}

extension LesionMeasurement: BindableRecord {
    var location: SourceLocation { provenance.location }
    func keyPart(_ field: String) -> RecordKey.Part {
        switch field {
        case "subjectID": return .text(subjectID)
        case "visit": return .visit(visit)
        case "lesionID": return .text(lesionID)
        case "date": return Self.datePart(date)
        default: return .none
        }
    }
}

extension ResponseAssessment: BindableRecord {
    var location: SourceLocation { provenance.location }
    func keyPart(_ field: String) -> RecordKey.Part {
        switch field {
        case "subjectID": return .text(subjectID)
        case "visit": return .visit(visit)
        case "date": return Self.datePart(date)
        default: return .none
        }
    }
}

extension AdverseEvent: BindableRecord {
    var location: SourceLocation { provenance.location }
    func keyPart(_ field: String) -> RecordKey.Part {
        switch field {
        case "subjectID": return .text(subjectID)
        case "number": return .int(number)
        default: return .none
        }
    }
}

extension QLQC30Response: BindableRecord {
    var location: SourceLocation { provenance.location }
    func keyPart(_ field: String) -> RecordKey.Part {
        switch field {
        case "subjectID": return .text(subjectID)
        case "visit": return .visit(visit)
        case "date": return Self.datePart(date)
        default: return .none
        }
    }
}

extension Disposition: BindableRecord {
    var location: SourceLocation { provenance.location }
    func keyPart(_ field: String) -> RecordKey.Part { field == "subjectID" ? .text(subjectID) : .none }
}

extension VisitRecord: BindableRecord {
    var location: SourceLocation { provenance.location }
    func keyPart(_ field: String) -> RecordKey.Part {
        switch field {
        case "subjectID": return .text(subjectID)
        case "visit": return .visit(visit)
        case "date": return Self.datePart(date)
        default: return .none
        }
    }
}
