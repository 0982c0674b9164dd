/// The version of TrialData, written into manifests, reports and Dataset-JSON files.
public enum ToolVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
    /// `TrialData 0.1.0`, as output files name their originator.
    public static let originator = "TrialData \(current)"
}
