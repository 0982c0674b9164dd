import StudyModel

/// All records generated for one subject, before they are concatenated into `StudyData`.
struct SubjectRecords: Sendable {
    var subject: Subject
    var procedures: [Procedure] = []
    var therapies: [SystemicTherapy] = []
    var lesions: [LesionMeasurement] = []
    var responses: [ResponseAssessment] = []
    var adverseEvents: [AdverseEvent] = []
    var questionnaires: [QLQC30Response] = []
    var disposition: Disposition?
    var visits: [VisitRecord] = []
}
