/// The rows of a dataset grouped by subject, in a stable counting sort by interned subject
/// number: `rows[bounds[g]..<bounds[g+1]]` are the rows of group `g` in row order.
///
/// Rules that compare records of one subject (--SEQ, keys) work group by group with small,
/// cache-friendly tables instead of one table over the whole dataset. Rows without a USUBJID
/// form the last group.
public struct SubjectGroups: Sendable {
    /// Row indices ordered by subject, then row.
    public let rows: [Int32]
    /// Group start offsets into `rows`, plus the end (`count + 1` entries).
    public let bounds: [Int32]

    /// Groups `subjects` (one interned subject number per row, −1 for none) given the number
    /// of interned subjects.
    init(subjects: [Int32], subjectCount: Int) {
        let none = subjectCount  // the bucket of rows without a subject
        var counts = [Int32](repeating: 0, count: subjectCount + 1)
        for s in subjects { counts[s < 0 ? none : Int(s)] += 1 }
        var starts = [Int32](repeating: 0, count: subjectCount + 1)
        var run: Int32 = 0
        for b in 0...subjectCount {
            starts[b] = run
            run += counts[b]
        }
        var next = starts
        var order = [Int32](repeating: 0, count: subjects.count)
        for (row, s) in subjects.enumerated() {
            let b = s < 0 ? none : Int(s)
            order[Int(next[b])] = Int32(row)
            next[b] += 1
        }
        var ends: [Int32] = [0]
        for b in 0...subjectCount where counts[b] > 0 { ends.append(starts[b] + counts[b]) }
        rows = order
        bounds = ends
    }

    /// Number of groups.
    public var count: Int { bounds.count - 1 }

    /// The rows of group `g`.
    @inlinable public func group(_ g: Int) -> ArraySlice<Int32> { rows[Int(bounds[g])..<Int(bounds[g + 1])] }
}
