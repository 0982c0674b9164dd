import DatasetIO
import TrialCore

/// What `trialdata run` does: which study, which export, where to, which dataset formats.
///
/// Example: `RunOptions(study: "examples/crlm", out: "out", source: .csv, formats: [.xpt, .json])`.
public struct RunOptions: Sendable {
    /// Which site export to read.
    public enum Source: String, Sendable, CaseIterable, Codable {
        /// The flat CSV export folder.
        case csv
        /// The ODM 1.3.2 XML file.
        case odm
    }

    /// Study folder holding `study.yaml`.
    public var study: String
    /// Output folder (replaced atomically at the end of a successful run).
    public var out: String
    /// Export to read.
    public var source: Source
    /// Formats of the SDTM and ADaM files.
    public var formats: [DatasetFormat]
    /// Draw confidence bands on the KM plots.
    public var bands: Bool
    /// Character lengths of the dataset files: the longest value (at most the spec's; the
    /// default, as the FDA's Technical Conformance Guide asks) or the spec's.
    public var lengths: DatasetSpec.LengthPolicy
    /// Subjects imported, mapped, derived and validated at a time: memory follows it.
    public var subjectsPerChunk: Int

    /// Creates options; defaults are the CRLM example, `out`, CSV, XPT + Dataset-JSON + CSV.
    public init(study: String = "examples/crlm", out: String = "out", source: Source = .csv,
                formats: [DatasetFormat] = [.xpt, .json, .csv], bands: Bool = true,
                lengths: DatasetSpec.LengthPolicy = .minimal, subjectsPerChunk: Int = SDTMStage.defaultSubjectsPerChunk) {
        self.lengths = lengths
        self.subjectsPerChunk = subjectsPerChunk
        self.study = study
        self.out = out
        self.source = source
        self.formats = formats
        self.bands = bands
    }
}
