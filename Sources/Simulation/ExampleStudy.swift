/// The embedded example study `examples/crlm` (and its dirty twin): how it was generated.
///
/// `trialdata simulate --subjects 240 --seed 2 --out examples/crlm --format both`.
public enum ExampleStudy {
    /// Seed of the committed example.
    public static let seed: UInt64 = 2
    /// Number of subjects of the committed example.
    public static let subjects = 240
}
