/// Namespace of the `Survival` module (see DESIGN.md for what it owns).
/// Scaffold: the module's author replaces or extends this file.
public enum SurvivalModule {
    /// The module's name, as DESIGN.md lists it.
    public static let name = "Survival"
}
