/// Namespace of the `Simulation` module (see DESIGN.md for what it owns).
/// Scaffold: the module's author replaces or extends this file.
public enum SimulationModule {
    /// The module's name, as DESIGN.md lists it.
    public static let name = "Simulation"
}
