/// One finished stage of a run, for the progress line on stderr.
public struct StageReport: Sendable, Equatable {
    /// Stage name: config, import, sdtm, adam, validate, analyse, write, manifest.
    public let stage: String
    /// Records the stage produced (rows over its output datasets, or records read for import).
    public let records: Int
    /// Wall time in seconds.
    public let seconds: Double
    /// A short note, e.g. `14 datasets, 3 rejected`.
    public let detail: String

    /// `[sdtm]      4 812 records   0.12 s  14 datasets`.
    public var line: String {
        let label = "[\(stage)]"
        let name = label.padding(toLength: max(11, label.count), withPad: " ", startingAt: 0)
        let recs = String(records)
        let secs = String(format: "%.2f", seconds)
        return "\(name) \(String(repeating: " ", count: max(0, 9 - recs.count)))\(recs) records \(String(repeating: " ", count: max(0, 7 - secs.count)))\(secs) s  \(detail)"
    }
}
