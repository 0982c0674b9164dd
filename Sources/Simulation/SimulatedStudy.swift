import StudyModel

/// A generated study: the typed data a site export should bind to, and the truth behind it.
public struct SimulatedStudy: Sendable, Hashable {
    /// The study as the Binder should produce it from the exports.
    public var data: StudyData
    /// Models, true effects and per-subject true times (`truth.json`).
    public var truth: Truth

    /// Creates a simulated study.
    public init(data: StudyData, truth: Truth) {
        self.data = data
        self.truth = truth
    }
}
