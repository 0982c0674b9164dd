import StudyModel

/// What `Binder.bind` returns: the typed study and the reconciliation report.
public struct BindResult: Sendable, Hashable {
    /// The bound study (records in key order; provenance points at the source).
    public var study: StudyData
    /// Counts, rejections and warnings.
    public var report: BindReport
}
