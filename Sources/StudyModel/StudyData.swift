/// The whole typed content of one study export, as the Binder produces it and the SDTM
/// mappers consume it. Records keep their provenance; equality ignores it.
public struct StudyData: Sendable, Hashable, Codable {
    /// Study id, e.g. `CRLM-LOCAL`.
    public var studyID: String
    /// Subjects in subject-id order.
    public var subjects: [Subject]
    /// Local liver treatments.
    public var procedures: [Procedure]
    /// Systemic therapy lines.
    public var systemicTherapies: [SystemicTherapy]
    /// Lesion identifications and measurements.
    public var lesions: [LesionMeasurement]
    /// Investigator responses.
    public var responses: [ResponseAssessment]
    /// Adverse events.
    public var adverseEvents: [AdverseEvent]
    /// QLQ-C30 questionnaires (including not-done forms).
    public var questionnaires: [QLQC30Response]
    /// End-of-study dispositions, one per subject that has one.
    public var dispositions: [Disposition]
    /// Visits done or not done.
    public var visits: [VisitRecord]

    /// Creates study data.
    public init(studyID: String, subjects: [Subject] = [], procedures: [Procedure] = [],
                systemicTherapies: [SystemicTherapy] = [], lesions: [LesionMeasurement] = [],
                responses: [ResponseAssessment] = [], adverseEvents: [AdverseEvent] = [],
                questionnaires: [QLQC30Response] = [], dispositions: [Disposition] = [],
                visits: [VisitRecord] = []) {
        self.studyID = studyID
        self.subjects = subjects
        self.procedures = procedures
        self.systemicTherapies = systemicTherapies
        self.lesions = lesions
        self.responses = responses
        self.adverseEvents = adverseEvents
        self.questionnaires = questionnaires
        self.dispositions = dispositions
        self.visits = visits
    }

    /// Number of records of each entity, keyed by entity name (`subjects`, `procedures`, …).
    public var recordCounts: [(entity: String, count: Int)] {
        [("subjects", subjects.count), ("procedures", procedures.count),
         ("systemicTherapies", systemicTherapies.count), ("lesions", lesions.count),
         ("responses", responses.count), ("adverseEvents", adverseEvents.count),
         ("questionnaires", questionnaires.count), ("dispositions", dispositions.count),
         ("visits", visits.count)]
    }
}
