import Foundation
import TrialCore

/// Everything the rules read, prepared once per validation run: the datasets (with their
/// specs and parsed dates), the spec library, the configuration, every USUBJID interned to a
/// number, and DM indexed by subject (reference start date, death date).
///
/// Day numbers are SAS dates (days since 1960-01-01); `DateColumn.missing` etc. mark absent
/// or unusable dates.
public struct ValidationContext: Sendable {
    /// Input datasets sorted by name.
    public let datasets: [InputDataset]
    /// The specs.
    public let specs: SpecLibrary
    /// Study-specific rule settings.
    public let configuration: ValidationConfiguration
    /// Interned USUBJIDs: `subjectIDs[n]` is subject number `n`.
    public let subjectIDs: [String]
    /// The DM dataset, if in the input.
    public let dm: InputDataset?
    /// Per subject number: its first DM row (0-based), or −1 when the subject is not in DM.
    public let dmRow: [Int32]
    /// Per subject number: DM.RFSTDTC as a SAS date, or a `DateColumn` code.
    public let referenceStart: [Int32]
    /// Per subject number: DM.DTHDTC as a SAS date, or a `DateColumn` code.
    public let deathDate: [Int32]

    /// Prepares `datasets` for validation against `specs`. `rowOffsets` (by upper-case dataset
    /// name) is the number of rows of each dataset that precede these when they are one chunk
    /// of a study (see `ChunkedValidation`); findings then name the study's record numbers.
    public init(datasets input: [Dataset], specs: SpecLibrary,
                configuration: ValidationConfiguration = ValidationConfiguration(),
                rowOffsets: [String: Int] = [:]) {
        self.specs = specs
        self.configuration = configuration
        let sorted = input.sorted { $0.name.uppercased() < $1.name.uppercased() }

        // Intern USUBJIDs, DM first so that DM subjects get the low numbers.
        var table: [String: Int32] = [:]
        var ids: [String] = []
        let order = sorted.indices.sorted { (sorted[$0].name.uppercased() == "DM" ? 0 : 1, $0) < (sorted[$1].name.uppercased() == "DM" ? 0 : 1, $1) }
        var subjectsOf = [[Int32]](repeating: [], count: sorted.count)
        for k in order {
            let ds = sorted[k]
            guard let col = ds.column("USUBJID") else {
                subjectsOf[k] = [Int32](repeating: -1, count: ds.rowCount)
                continue
            }
            var out = [Int32](repeating: -1, count: ds.rowCount)
            var last = ""
            var lastID: Int32 = -1
            for (i, v) in col.values.enumerated() {
                let s = v.text
                if s.isEmpty { continue }
                if s == last { out[i] = lastID; continue }
                let n: Int32
                if let e = table[s] { n = e } else {
                    n = Int32(ids.count)
                    table[s] = n
                    ids.append(s)
                }
                out[i] = n
                last = s
                lastID = n
            }
            subjectsOf[k] = out
        }
        subjectIDs = ids

        // Parse every character *DTC column once, in parallel.
        struct Job { let dataset: Int; let column: Int }
        var jobs: [Job] = []
        for (d, ds) in sorted.enumerated() {
            for (c, col) in ds.columns.enumerated() where col.type == .character && col.name.uppercased().hasSuffix("DTC") {
                jobs.append(Job(dataset: d, column: c))
            }
        }
        let jobList = jobs
        let parsed = ParallelSlots.run(jobList.count) { j in
            DateColumn(sorted[jobList[j].dataset].columns[jobList[j].column])
        }
        var datesOf = [[String: DateColumn]](repeating: [:], count: sorted.count)
        for (j, job) in jobs.enumerated() {
            datesOf[job.dataset][sorted[job.dataset].columns[job.column].name.uppercased()] = parsed[j]
        }

        var built: [InputDataset] = []
        for (k, ds) in sorted.enumerated() {
            let direct = specs.dataset(ds.name)
            let standard = Standard.of(name: ds.name, spec: direct)
            var spec = direct
            if spec == nil, standard == .sdtm {
                let domain = InputDataset.domainCode(of: ds, standard: .sdtm)
                if domain != ds.name.uppercased() { spec = specs.dataset(domain) }
            }
            built.append(InputDataset(dataset: ds, spec: spec, standard: standard,
                                      subjects: subjectsOf[k], subjectCount: ids.count, dates: datesOf[k],
                                      rowOffset: rowOffsets[ds.name.uppercased()] ?? 0))
        }
        datasets = built

        // Index DM by subject.
        let dm = built.first { $0.name == "DM" }
        self.dm = dm
        var dmRow = [Int32](repeating: -1, count: ids.count)
        var rfst = [Int32](repeating: DateColumn.missing, count: ids.count)
        var death = [Int32](repeating: DateColumn.missing, count: ids.count)
        if let dm {
            let rf = dm.dates["RFSTDTC"]
            let dth = dm.dates["DTHDTC"]
            for (row, s) in dm.subjects.enumerated() where s >= 0 && dmRow[Int(s)] < 0 {
                dmRow[Int(s)] = Int32(row)
                if let rf { rfst[Int(s)] = rf.days[row] }
                if let dth { death[Int(s)] = dth.days[row] }
            }
        }
        self.dmRow = dmRow
        referenceStart = rfst
        deathDate = death
    }

    /// The dataset called `name` (case-insensitive), or `nil`.
    public func dataset(named name: String) -> InputDataset? {
        let u = name.uppercased()
        return datasets.first { $0.name == u }
    }

    /// ADSL, if in the input.
    public var adsl: InputDataset? { dataset(named: "ADSL") }

    /// The datasets a rule with `scope` looks at, sorted by name.
    public func datasets(in scope: RuleScope) -> [InputDataset] {
        switch scope {
        case .all: return datasets
        case .sdtm: return datasets.filter { $0.standard == .sdtm }
        case .adam: return datasets.filter { $0.standard == .adam }
        case .adamTimeToEvent:
            return datasets.filter { $0.standard == .adam && $0.column("CNSR") != nil }
        case .datasets(let names):
            let set = Set(names.map { $0.uppercased() })
            return datasets.filter { set.contains($0.name) || ($0.standard == .sdtm && set.contains($0.domain)) }
        }
    }
}
