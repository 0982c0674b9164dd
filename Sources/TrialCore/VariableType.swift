/// The storage type of a dataset variable, as SAS and CDISC define it.
public enum VariableType: String, Sendable, Hashable, Codable {
    /// SAS character (`Char` in specs).
    case character = "Char"
    /// SAS numeric, an 8-byte double (`Num` in specs).
    case numeric = "Num"
}
