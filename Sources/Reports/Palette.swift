/// Colours of the groups in plots (colour-blind safe, Okabe-Ito), by display index.
public enum Palette {
    /// Group colours in display order; cycles after 6.
    public static let groups = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]

    /// The colour of group `i`.
    public static func group(_ i: Int) -> String { groups[i % groups.count] }
}
