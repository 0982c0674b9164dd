/// The rows of one dataset grouped by subject slot (`SDTMData.slot(of:)`), in row order: the
/// first run of each subject's rows as a range (the only one when the dataset is sorted by
/// USUBJID, as SDTM datasets are), later runs kept aside.
struct SubjectRows: Sendable {
    /// Per slot: the subject's first range of rows (empty: no rows).
    private(set) var first: [Range<Int>] = []
    /// Per slot: the subject's further ranges, in row order (unsorted datasets only).
    private(set) var more: [Int: [Range<Int>]] = [:]

    /// Appends the run `range` (after every run appended so far) to the rows of `slot`,
    /// joining it to the subject's last range when they touch.
    mutating func append(_ range: Range<Int>, slot: Int) {
        while first.count <= slot { first.append(0..<0) }
        if first[slot].isEmpty { first[slot] = range; return }
        if var extra = more[slot] {
            if let last = extra.last, last.upperBound == range.lowerBound {
                extra[extra.count - 1] = last.lowerBound..<range.upperBound
            } else {
                extra.append(range)
            }
            more[slot] = extra
        } else if first[slot].upperBound == range.lowerBound {
            first[slot] = first[slot].lowerBound..<range.upperBound
        } else {
            more[slot] = [range]
        }
    }

    /// Calls `body` with each row of `slot` in row order (none for `nil` or a subject without rows).
    @inline(__always)
    func forEachRow(slot: Int?, _ body: (Int) -> Void) {
        guard let slot, slot < first.count else { return }
        for r in first[slot] { body(r) }
        if !more.isEmpty, let extra = more[slot] {
            for range in extra { for r in range { body(r) } }
        }
    }

    /// The rows of `slot` in row order.
    func rows(slot: Int?) -> [Int] {
        var out: [Int] = []
        forEachRow(slot: slot) { out.append($0) }
        return out
    }
}
