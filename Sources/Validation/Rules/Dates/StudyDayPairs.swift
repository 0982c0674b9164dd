import TrialCore

/// The (`--DTC`, `--DY`) pairs of a dataset: every numeric variable ending in `DY` whose
/// name minus `DY` plus `DTC` is a parsed date column (AESTDY ↔ AESTDTC, QSDY ↔ QSDTC).
enum StudyDayPairs {
    /// The pairs of `ds` as (date variable, day variable, day column index).
    static func of(_ ds: InputDataset) -> [(dtc: String, dy: String, column: Int)] {
        var out: [(String, String, Int)] = []
        for (i, col) in ds.dataset.columns.enumerated() {
            let n = col.name.uppercased()
            guard n.hasSuffix("DY"), n.count > 2 else { continue }
            let dtc = String(n.dropLast(2)) + "DTC"
            if ds.dates[dtc] != nil { out.append((dtc, col.name, i)) }
        }
        return out
    }
}
