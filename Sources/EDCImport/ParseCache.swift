import StudyModel
import TrialCore

/// Memo of parsed dates and visits for one bind: exports repeat the same few thousand date and
/// visit texts across hundreds of thousands of records, and parsing them is most of the
/// per-field cost. Bounded: stops adding entries after `limit` of each.
final class ParseCache {
    /// Most entries kept per table.
    let limit = 200_000
    private var dates: [EDCDateFormat: [String: Result<PartialDateTime, DateError>]] = [:]
    private var visits: [String: Visit?] = [:]

    /// `format.parse(text)`, memoized.
    func date(_ text: String, _ format: EDCDateFormat) -> Result<PartialDateTime, DateError> {
        if let r = dates[format]?[text] { return r }
        let r: Result<PartialDateTime, DateError>
        do { r = .success(try format.parse(text)) } catch { r = .failure(error) }
        if (dates[format]?.count ?? 0) < limit { dates[format, default: [:]][text] = r }
        return r
    }

    /// `Visit(name:)`, memoized.
    func visit(_ text: String) -> Visit? {
        if let v = visits[text] { return v }
        let v = Visit(name: text)
        if visits.count < limit { visits[text] = v }
        return v
    }
}
