import Testing
@testable import TrialCore

@Suite struct CalendarDateTests {
    @Test func sasEpochIsDayZero() {
        #expect(CalendarDate(year: 1960, month: 1, day: 1)!.sasDate == 0)
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.sasDate == 3653)
        // 2021-03-15: 61 years 1960…2020 with 16 leap years = 61·365 + 16 = 22281 days to 2021-01-01, then +31+28+14.
        #expect(CalendarDate(year: 2021, month: 3, day: 15)!.sasDate == 22281 + 73)
        #expect(CalendarDate(sasDate: 22354).iso8601 == "2021-03-15")
        #expect(CalendarDate(sasDate: -1).iso8601 == "1959-12-31")
    }

    @Test func impossibleDatesAreRejected() {
        #expect(CalendarDate(year: 2021, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2020, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2021, month: 4, day: 31) == nil)
    }

    @Test func roundTripOverFourCenturies() {
        for n in stride(from: -150_000, through: 150_000, by: 97) {
            let d = CalendarDate(sasDate: n)
            #expect(CalendarDate(year: d.year, month: d.month, day: d.day)?.sasDate == n)
        }
    }
}

@Suite struct PartialDateTests {
    @Test func isoRightTruncation() throws {
        #expect(try PartialDateTime.parseISO8601("2021").iso8601 == "2021")
        #expect(try PartialDateTime.parseISO8601("2021-03").iso8601 == "2021-03")
        #expect(try PartialDateTime.parseISO8601("2021-03-15").iso8601 == "2021-03-15")
        #expect(try PartialDateTime.parseISO8601("2021-03-15T10:20").iso8601 == "2021-03-15T10:20")
        #expect(try PartialDateTime.parseISO8601("2021-03-15T10:20:05").second == 5)
        #expect(try PartialDateTime.parseISO8601("2003---15").iso8601 == "2003---15")
        #expect(try PartialDateTime.parseISO8601("2003---15").month == nil)
    }

    @Test func impossibleIsoDate() {
        #expect(throws: DateError("day out of range for the month", expected: "a calendar date (day 01–28)")) {
            try PartialDateTime.parseISO8601("2021-02-30")
        }
        #expect(throws: DateError("month out of range", expected: "01–12")) {
            try PartialDateTime.parseISO8601("2021-13")
        }
        #expect(throws: DateError.self) { try PartialDateTime.parseISO8601("15/03/2021") }
    }

    @Test func edcFormats() throws {
        #expect(try EDCDateFormat.ddMONyyyy.parse("15-MAR-2021").iso8601 == "2021-03-15")
        #expect(try EDCDateFormat.ddMONyyyy.parse("UN-MAR-2021").iso8601 == "2021-03")
        #expect(try EDCDateFormat.ddMONyyyy.parse("UNK-UNK-2021").iso8601 == "2021")
        #expect(try EDCDateFormat.ddMONyyyy.parse("15mar2021").iso8601 == "2021-03-15")
        #expect(try EDCDateFormat.yyyySlashMMSlashDD.parse("2021/03/15").iso8601 == "2021-03-15")
        #expect(try EDCDateFormat.mmSlashDDSlashYYYY.parse("03/15/2021").iso8601 == "2021-03-15")
        #expect(throws: DateError("unknown month 'MRZ'", expected: "JAN…DEC or UNK")) {
            try EDCDateFormat.ddMONyyyy.parse("15-MRZ-2021")
        }
        #expect(throws: DateError("day out of range for the month", expected: "a calendar date (day 01–28)")) {
            try EDCDateFormat.ddMONyyyy.parse("30-FEB-2021")
        }
        // A US date is not accepted as ISO.
        #expect(throws: DateError.self) { try EDCDateFormat.iso8601.parse("03/15/2021") }
    }

    @Test func studyDayHasNoDayZero() {
        let ref = CalendarDate(year: 2021, month: 3, day: 15)!
        #expect(StudyDay.of(ref, reference: ref) == 1)
        #expect(StudyDay.of(CalendarDate(year: 2021, month: 3, day: 14)!, reference: ref) == -1)
        #expect(StudyDay.of(CalendarDate(year: 2021, month: 4, day: 14)!, reference: ref) == 31)
        #expect(StudyDay.date(ofDay: -1, reference: ref).iso8601 == "2021-03-14")
        #expect(StudyDay.date(ofDay: 31, reference: ref).iso8601 == "2021-04-14")
        #expect(StudyDay.of(PartialDateTime(year: 2021, month: 3), reference: PartialDateTime(ref)) == nil)
    }
}

@Suite struct TextEscapingTests {
    @Test func jsonStringLiterals() {
        // RFC 8259: quote, backslash and control characters escaped; U+2028/2029 for <script> safety.
        #expect(TextEscaping.jsonString("a\"b\\c") == #""a\"b\\c""#)
        #expect(TextEscaping.jsonString("x\ny\tz\r") == #""x\ny\tz\r""#)
        #expect(TextEscaping.jsonString("\u{01}\u{1F}") == #""\u0001\u001f""#)
        #expect(TextEscaping.jsonString("\u{2028}é") == "\"\\u2028é\"")
    }

    @Test func htmlText() {
        #expect(TextEscaping.html("a < b & \"c\" > d") == "a &lt; b &amp; &quot;c&quot; &gt; d")
        #expect(TextEscaping.html("plain") == "plain")
    }
}
