import Testing
import TrialCore
@testable import Validation

/// TD0301–TD0306: dates and study days. Study days are hand-computed in comments
/// (SDTMIG 4.4.4: date − RFSTDTC + 1 on/after, date − RFSTDTC before; no day 0).
@Suite struct DateRuleTests {
    let dm = Fixture.dm(["S1|2021-01-10|", "S2|2021-03-01|2021-06-30"])

    @Test func iso8601() {
        let good = Fixture.table("AE", "USUBJID|AESTDTC|AEENDTC", ["S1|2021-01-05T10:30|2021-01", "S1|2021---15|"])
        #expect(Fixture.run("TD0301", [good]).1.isEmpty)
        let bad = Fixture.table("AE", "USUBJID|AESTDTC|AEENDTC", ["S1|2021-01-05|2021-02-30", "S1|2021-01-05|"])
        let (_, f) = Fixture.run("TD0301", [bad])
        #expect(f.count == 1)
        #expect(f[0].row == 1 && f[0].variable == "AEENDTC" && f[0].value == "2021-02-30")
        #expect(f[0].message == "AEENDTC '2021-02-30' is not a valid ISO 8601 date: day out of range for the month")
        #expect(f[0].expected == "a calendar date (day 01–28)")
        let text = Fixture.table("AE", "USUBJID|AESTDTC", ["S1|05/01/2021"])
        let (_, g) = Fixture.run("TD0301", [text])
        #expect(g.count == 1 && g[0].message == "AESTDTC '05/01/2021' is not a valid ISO 8601 date: malformed ISO 8601 date")
    }

    @Test func studyDayConsistent() {
        // S1 RFSTDTC 2021-01-10: 2021-01-05 is day −5, 2021-01-10 day 1, 2021-01-12 day 3.
        let good = Fixture.table("AE", "USUBJID|AESTDTC|AESTDY:N", ["S1|2021-01-05|-5", "S1|2021-01-10|1", "S1|2021-01-12T08:00|3", "S1|2021-01|"])
        let (o, f0) = Fixture.run("TD0302", [dm, good])
        #expect(o.status == .executed && f0.isEmpty)
        let bad = Fixture.table("AE", "USUBJID|AESTDTC|AESTDY:N", ["S1|2021-01-05|-5", "S1|2021-01-12|2"])
        let (_, f) = Fixture.run("TD0302", [dm, bad])
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].variable == "AESTDY" && f[0].value == "2" && f[0].expected == "3")
        #expect(f[0].message == "AESTDY is 2 but AESTDTC 2021-01-12 is study day 3 against RFSTDTC 2021-01-10")
    }

    /// The CDISC pilot SDTM (2012) has one source error: USUBJID 01-716-1063, AESEQ 1, AESTDTC =
    /// RFSTDTC = 2013-05-09 with AESTDY 366 where the rule gives day 1 (FORMATS.md (e), verified
    /// on phuse-cdiscpilot/sdtm_cdiscpilot01_2012); its neighbour records are consistent.
    @Test func pilotStudyDayError() {
        let dm = Fixture.dm(["01-716-1063|2013-05-09|"])
        let ae = Fixture.table("AE", "USUBJID|AESEQ:N|AESTDTC|AESTDY:N", ["01-716-1063|1|2013-05-09|366", "01-716-1063|2|2013-05-08|-1"])
        let (_, f) = Fixture.run("TD0302", [dm, ae])
        #expect(f.count == 1)
        #expect(f[0].row == 1 && f[0].usubjid == "01-716-1063" && f[0].sequence == "1" && f[0].expected == "1")
        #expect(f[0].message == "AESTDY is 366 but AESTDTC 2013-05-09 is study day 1 against RFSTDTC 2013-05-09")
    }

    @Test func studyDayNeedsDM() {
        let ae = Fixture.table("AE", "USUBJID|AESTDTC|AESTDY:N", ["S1|2021-01-05|-5"])
        let (o, f) = Fixture.run("TD0302", [ae])
        #expect(o.status == .notExecuted && f.isEmpty)
        #expect(o.reason == "DM is not in the input, so RFSTDTC is unknown")
    }

    @Test func studyDayZero() {
        let good = Fixture.table("AE", "USUBJID|AESTDY:N|AEENDY:N", ["S1|-1|1"])
        #expect(Fixture.run("TD0303", [good]).1.isEmpty)
        let bad = Fixture.table("AE", "USUBJID|AESTDY:N|AEENDY:N", ["S1|-1|1", "S1|0|2"])
        let (_, f) = Fixture.run("TD0303", [bad])
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].variable == "AESTDY")
        #expect(f[0].message == "AESTDY is 0; study days skip 0 (the day before day 1 is day −1)")
    }

    @Test func studyDayWithoutCompleteDate() {
        let good = Fixture.table("AE", "USUBJID|AESTDTC|AESTDY:N", ["S1|2021-01-12|3", "S1|2021-01|"])
        #expect(Fixture.run("TD0304", [dm, good]).1.isEmpty)
        let bad = Fixture.table("AE", "USUBJID|AESTDTC|AESTDY:N", ["S1|2021-01-12|3", "S1|2021-01|1"])
        let (_, f) = Fixture.run("TD0304", [dm, bad])
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].variable == "AESTDY" && f[0].value == "1")
        #expect(f[0].message == "AESTDY is 1 but AESTDTC '2021-01' is partial; a study day needs a complete date")
    }

    @Test func startAfterEnd() {
        let good = Fixture.table("AE", "USUBJID|AESTDTC|AEENDTC", ["S1|2021-01-05|2021-01-05", "S1|2021-03|2021-03-10", "S1|2021-01-05T08:00|2021-01-05T09:00"])
        #expect(Fixture.run("TD0305", [good]).1.isEmpty)
        let bad = Fixture.table("AE", "USUBJID|AESTDTC|AEENDTC", ["S1|2021-01-05|2021-01-07", "S1|2021-03|2021-02-15"])
        let (_, f) = Fixture.run("TD0305", [bad])
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].variable == "AESTDTC" && f[0].value == "2021-03")
        #expect(f[0].message == "AESTDTC 2021-03 is after AEENDTC 2021-02-15")
        let timed = Fixture.table("AE", "USUBJID|AESTDTC|AEENDTC", ["S1|2021-01-05T10:00|2021-01-05T09:00"])
        #expect(Fixture.run("TD0305", [timed]).1.count == 1)
        let dmBad = Fixture.table("DM", "USUBJID|RFSTDTC|RFENDTC", ["S1|2021-05-01|2021-04-30"])
        let (_, g) = Fixture.run("TD0305", [dmBad])
        #expect(g.count == 1 && g[0].message == "RFSTDTC 2021-05-01 is after RFENDTC 2021-04-30")
    }

    @Test func dateAfterDeath() {
        // S2 died 2021-06-30.
        let good = Fixture.table("AE", "USUBJID|AESTDTC|AEENDTC", ["S2|2021-06-01|2021-06-30", "S1|2030-01-01|"])
        #expect(Fixture.run("TD0306", [dm, good]).1.isEmpty)
        let bad = Fixture.table("AE", "USUBJID|AESTDTC|AEENDTC", ["S2|2021-06-01|2021-06-30", "S2|2021-07-02|"])
        let (_, f) = Fixture.run("TD0306", [dm, bad])
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].usubjid == "S2" && f[0].variable == "AESTDTC" && f[0].severity == .warning)
        #expect(f[0].message == "AESTDTC 2021-07-02 is 2 day(s) after the subject's death (DM.DTHDTC 2021-06-30)")
        // DS is exempt by default.
        let ds = Fixture.table("DS", "USUBJID|DOMAIN|DSDTC", ["S2|DS|2021-07-15"])
        #expect(Fixture.run("TD0306", [dm, ds]).1.isEmpty)
    }
}
