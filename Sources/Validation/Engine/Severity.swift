/// How serious a validation finding is, in the three levels Pinnacle 21 and CDISC CORE use.
///
/// `error`: the data breaks a rule of the standard or the spec and must be fixed before
/// submission; `warning`: probably wrong, fix or explain in the reviewer's guide;
/// `notice`: information (e.g. a dataset our specs do not describe).
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// Information only.
    case notice
    /// Probably wrong: fix or explain.
    case warning
    /// Breaks the standard or the spec: fix.
    case error

    private var rank: Int { self == .notice ? 0 : self == .warning ? 1 : 2 }

    /// Orders notice < warning < error.
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
