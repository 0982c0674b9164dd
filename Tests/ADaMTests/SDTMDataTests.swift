import Testing
import TrialCore
@testable import ADaM

/// `SDTMData`'s subject index (`SubjectRows`: one range per subject, later runs of an unsorted
/// dataset kept in row order) and `ParsedDates` (each distinct date text parsed once).
@Suite struct SDTMDataTests {
    @Test func rowsOfEachSubjectInRowOrderSortedOrNot() {
        // AE is not sorted by USUBJID: A and B come back; B's rows 5 and 6 are one run.
        let ae = TestSupport.dataset("AE", ["USUBJID", "AESEQ"],
                                     [["B", "1"], ["A", "1"], ["A", "2"], ["B", "2"], ["C", "1"], ["B", "3"], ["B", "4"], ["A", "3"]],
                                     numeric: ["AESEQ"])
        let dm = TestSupport.dataset("DM", ["USUBJID"], [["A"], ["B"], ["D"]])
        let data = SDTMData(["AE": ae, "dm": dm])
        #expect(data.rows("AE", subject: "A") == [1, 2, 7])
        #expect(data.rows("AE", subject: "B") == [0, 3, 5, 6])
        #expect(data.rows("ae", subject: "C") == [4])
        #expect(data.rows("AE", subject: "D") == [])
        #expect(data.rows("DM", subject: "D") == [2])
        #expect(data.rows("DM", subject: "C") == [])
        #expect(data.rows("XX", subject: "A") == [])
        #expect(data.rows("AE", subject: "B", filter: RecordFilter(exclude: ["AESEQ": ["2", "3"]])) == [0, 6])
    }

    @Test func parsedDatesAreParseDatesWithEachTextOnce() {
        let values: [Value] = [.character("2021-01-05"), .character("2021-01-05"), .character(""), .character("2021-02"),
                               .character("2021-13-01"), .character("2021-02"), .character(" 2021-03-01 "), .number(5), .dot]
        let parsed = ParsedDates(values)
        #expect((0..<values.count).map { parsed[$0] } == SDTMData.parseDates(values))
        #expect(parsed.table.count == 3)   // 2021-01-05, 2021-02, 2021-03-01
        #expect(parsed[1]?.date == CalendarDate(year: 2021, month: 1, day: 5))
        #expect(parsed[3]?.date == nil && parsed[3]?.month == 2)
        #expect(parsed[4] == nil && parsed[7] == nil && parsed[8] == nil)
        #expect(parsed.complete == [CalendarDate(year: 2021, month: 1, day: 5), nil, CalendarDate(year: 2021, month: 3, day: 1)])
    }
}
