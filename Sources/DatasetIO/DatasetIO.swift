/// Namespace of the `DatasetIO` module (see DESIGN.md for what it owns).
/// Scaffold: the module's author replaces or extends this file.
public enum DatasetIOModule {
    /// The module's name, as DESIGN.md lists it.
    public static let name = "DatasetIO"
}
