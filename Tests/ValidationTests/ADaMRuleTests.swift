import Testing
import TrialCore
@testable import Validation

/// TD0801–TD0807: ADaM rules. ADT/STARTDT are SAS dates (days since 1960-01-01):
/// 22281 = 2021-01-01, 22290 = 2021-01-10.
@Suite struct ADaMRuleTests {
    static let adsl = Fixture.table("ADSL", "USUBJID|TRTSDT:N", ["S1|22281", "S2|22281"])
    static let tteHeader = "USUBJID|PARAMCD|PARAM|AVAL:N|CNSR:N|STARTDT:N|ADT:N|SRCDOM|SRCSEQ:N"

    @Test func adslOneRowPerSubject() {
        #expect(Fixture.run("TD0801", [Self.adsl]).1.isEmpty)
        let bad = Fixture.table("ADSL", "USUBJID", ["S1", "S2", "S2"])
        let (_, f) = Fixture.run("TD0801", [bad])
        #expect(f.count == 1 && f[0].row == 3 && f[0].usubjid == "S2")
        #expect(f[0].message == "USUBJID S2 already has ADSL record 2")
    }

    @Test func censorFlag() {
        let good = Fixture.table("ADTTE", Self.tteHeader, ["S1|OS|Overall Survival|10|0|22281|22290||", "S2|OS|Overall Survival|10|1|22281|22290||"])
        #expect(Fixture.run("TD0802", [good]).1.isEmpty)
        let bad = Fixture.table("ADTTE", Self.tteHeader, ["S1|OS|Overall Survival|10|0|22281|22290||", "S2|OS|Overall Survival|10||22281|22290||"])
        let (_, f) = Fixture.run("TD0802", [bad])
        #expect(f.count == 1 && f[0].row == 2 && f[0].variable == "CNSR" && f[0].severity == .error)
        #expect(f[0].message == "CNSR is missing")
        let code2 = Fixture.table("ADTTE", Self.tteHeader, ["S1|OS|Overall Survival|10|2|22281|22290||"])
        let (_, g) = Fixture.run("TD0802", [code2])
        #expect(g.count == 1 && g[0].severity == .warning)
        #expect(g[0].message == "CNSR is 2: a censoring code other than 1; check that analyses treat it as censored")
    }

    @Test func avalNotNegative() {
        let good = Fixture.table("ADTTE", Self.tteHeader, ["S1|OS|Overall Survival|0|0|22281|22281||"])
        #expect(Fixture.run("TD0803", [good]).1.isEmpty)
        let bad = Fixture.table("ADTTE", Self.tteHeader, ["S1|OS|Overall Survival|10|0|22281|22290||", "S2|PFS|Progression-Free Survival|-3|0|22281|22278||"])
        let (_, f) = Fixture.run("TD0803", [bad])
        #expect(f.count == 1 && f[0].row == 2 && f[0].value == "-3")
        #expect(f[0].message == "AVAL is -3 (PARAMCD PFS); a time to event cannot be negative")
    }

    @Test func adtNotBeforeStart() {
        let good = Fixture.table("ADTTE", Self.tteHeader, ["S1|OS|Overall Survival|1|0|22281|22281||"])
        #expect(Fixture.run("TD0804", [good]).1.isEmpty)
        let bad = Fixture.table("ADTTE", Self.tteHeader, ["S1|OS|Overall Survival|1|0|22281|22281||", "S2|OS|Overall Survival|1|0|22290|22281||"])
        let (_, f) = Fixture.run("TD0804", [bad])
        #expect(f.count == 1 && f[0].row == 2 && f[0].variable == "ADT" && f[0].value == "2021-01-01")
        #expect(f[0].message == "ADT 2021-01-01 is 9 day(s) before STARTDT 2021-01-10")
        // ISO 8601 text dates (e.g. from CSV) are read too.
        let text = Fixture.table("ADTTE", "USUBJID|CNSR:N|STARTDT|ADT", ["S1|0|2021-01-10|2021-01-01"])
        #expect(Fixture.run("TD0804", [text]).1.count == 1)
    }

    @Test func sourceRecordResolves() {
        let ae = Fixture.table("AE", "USUBJID|DOMAIN|AESEQ:N", ["S1|AE|1", "S1|AE|2", "S2|AE|1"])
        let good = Fixture.table("ADTTE", Self.tteHeader, ["S1|TTAE|Time to AE|10|0|22281|22290|AE|2", "S2|TTAE|Time to AE|10|1|22281|22290|ADSL|"])
        let (o, f0) = Fixture.run("TD0805", [Self.adsl, ae, good])
        #expect(o.status == .executed && f0.isEmpty)
        let bad = Fixture.table("ADTTE", Self.tteHeader, ["S1|TTAE|Time to AE|10|0|22281|22290|AE|2", "S2|TTAE|Time to AE|10|0|22281|22290|AE|2"])
        let (_, f) = Fixture.run("TD0805", [Self.adsl, ae, bad])
        #expect(f.count == 1 && f[0].row == 2 && f[0].usubjid == "S2" && f[0].variable == "SRCSEQ" && f[0].value == "2")
        #expect(f[0].message == "SRCDOM AE / SRCSEQ 2: AE has no record with that sequence number for this subject")
        // Without AE in the input, one notice says the references were not checked.
        let (_, g) = Fixture.run("TD0805", [Self.adsl, bad])
        #expect(g.count == 1 && g[0].severity == .notice && g[0].row == 1)
        #expect(g[0].message == "SRCDOM AE is referenced by 2 record(s) but AE is not in the input; these references were not checked")
    }

    @Test func paramcdParamOneToOne() {
        let good = Fixture.table("ADTTE", Self.tteHeader, ["S1|OS|Overall Survival|1|0|||", "S2|OS|Overall Survival|1|0|||", "S1|PFS|Progression-Free Survival|1|0|||"])
        #expect(Fixture.run("TD0806", [good]).1.isEmpty)
        let bad = Fixture.table("ADTTE", Self.tteHeader, ["S1|OS|Overall Survival|1|0|||", "S2|OS|Overall survival|1|0|||"])
        let (_, f) = Fixture.run("TD0806", [bad])
        #expect(f.count == 1 && f[0].row == 2 && f[0].variable == "PARAM" && f[0].expected == "Overall Survival")
        #expect(f[0].message == "PARAMCD OS has PARAM 'Overall survival' here but 'Overall Survival' on an earlier record")
    }

    @Test func subjectsInADSL() {
        let good = Fixture.table("ADTTE", Self.tteHeader, ["S1|OS|Overall Survival|1|0|||", "S2|OS|Overall Survival|1|0|||"])
        #expect(Fixture.run("TD0807", [Self.adsl, good]).1.isEmpty)
        let bad = Fixture.table("ADTTE", Self.tteHeader, ["S1|OS|Overall Survival|1|0|||", "S3|OS|Overall Survival|1|0|||"])
        let (_, f) = Fixture.run("TD0807", [Self.adsl, bad])
        #expect(f.count == 1 && f[0].dataset == "ADTTE" && f[0].row == 2 && f[0].usubjid == "S3")
        #expect(f[0].message == "USUBJID S3 has 1 record(s) in ADTTE but no ADSL record")
    }
}
