import Testing
import TrialCore
@testable import Validation

/// TD0401–TD0405: sequence numbers, keys, subjects, DM.
@Suite struct SubjectRuleTests {
    @Test func sequenceUniquePerSubject() {
        let good = Fixture.ae(["S1|1|A|MILD|", "S1|2|B|MILD|", "S2|1|A|MILD|"])
        #expect(Fixture.run("TD0401", [good]).1.isEmpty)
        let bad = Fixture.ae(["S1|1|A|MILD|", "S2|1|A|MILD|", "S1|1|B|MILD|"])
        let (_, f) = Fixture.run("TD0401", [bad])
        #expect(f.count == 1)
        #expect(f[0].row == 3 && f[0].usubjid == "S1" && f[0].sequence == "1" && f[0].variable == "AESEQ")
        #expect(f[0].message == "AESEQ 1 of USUBJID S1 is also used by record 1")
    }

    @Test func keyUnique() {
        let good = Fixture.ae(["S1|1|HEADACHE|MILD|2021-01-05", "S1|2|HEADACHE|MILD|2021-02-05"])
        #expect(Fixture.run("TD0402", [good], specs: Fixture.specs()).1.isEmpty)
        let bad = Fixture.ae(["S1|1|HEADACHE|MILD|2021-01-05", "S2|1|HEADACHE|MILD|2021-01-05", "S1|2|HEADACHE|SEVERE|2021-01-05"])
        let (_, f) = Fixture.run("TD0402", [bad], specs: Fixture.specs())
        #expect(f.count == 1)
        #expect(f[0].row == 3 && f[0].severity == .warning)
        #expect(f[0].message == "record 3 has the same key as record 1 (USUBJID=S1, AETERM=HEADACHE, AESTDTC=2021-01-05)")
    }

    @Test func subjectInDM() {
        let dm = Fixture.dm(["S1|2021-01-10|", "S2|2021-01-10|"])
        let good = Fixture.ae(["S1|1|A|MILD|", "S2|1|A|MILD|"])
        #expect(Fixture.run("TD0403", [dm, good]).1.isEmpty)
        let bad = Fixture.ae(["S1|1|A|MILD|", "S9|1|A|MILD|", "S9|2|B|MILD|"])
        let (_, f) = Fixture.run("TD0403", [dm, bad])
        #expect(f.count == 1)
        #expect(f[0].dataset == "AE" && f[0].row == 2 && f[0].usubjid == "S9" && f[0].value == "S9")
        #expect(f[0].message == "USUBJID S9 has 2 record(s) in AE but no record in DM")
        let (o, _) = Fixture.run("TD0403", [bad])
        #expect(o.status == .notExecuted && o.reason == "DM is not in the input")
    }

    @Test func dmOneRowPerSubject() {
        #expect(Fixture.run("TD0404", [Fixture.dm(["S1|||", "S2||"])]).1.isEmpty)
        let (_, f) = Fixture.run("TD0404", [Fixture.dm(["S1||", "S2||", "S1||"])])
        #expect(f.count == 1)
        #expect(f[0].row == 3 && f[0].usubjid == "S1")
        #expect(f[0].message == "USUBJID S1 already has DM record 1")
    }

    @Test func ageMatchesBirthDate() {
        // Born 1950-06-15, RFSTDTC 2021-06-14 → 70 completed years (71 on 2021-06-15).
        // Born 1960 (year only), RFSTDTC 2021-03-01 → 60 (born Dec 31) to 61 (born Jan 1).
        let header = "USUBJID|BRTHDTC|RFSTDTC|RFICDTC|AGE:N|AGEU"
        let good = Fixture.table("DM", header, ["S1|1950-06-15|2021-06-14||70|YEARS", "S2|1960|2021-03-01||61|YEARS", "S3|1960|2021-03-01||60|YEARS"])
        #expect(Fixture.run("TD0405", [good]).1.isEmpty)
        let bad = Fixture.table("DM", header, ["S1|1950-06-15|2021-06-14||71|YEARS", "S2|1960|2021-03-01||61|YEARS"])
        let (_, f) = Fixture.run("TD0405", [bad])
        #expect(f.count == 1)
        #expect(f[0].row == 1 && f[0].variable == "AGE" && f[0].value == "71" && f[0].expected == "70")
        #expect(f[0].message == "AGE is 71 but BRTHDTC 1950-06-15 gives 70 years at RFSTDTC 2021-06-14")
        // Age at informed consent is accepted: consent 2021-06-20 → 71.
        let atConsent = Fixture.table("DM", header, ["S1|1950-06-15|2021-06-14|2021-06-20|71|YEARS"])
        #expect(Fixture.run("TD0405", [atConsent]).1.isEmpty)
        let neg = Fixture.table("DM", header, ["S1||2021-06-14||-3|YEARS"])
        let (_, g) = Fixture.run("TD0405", [neg])
        #expect(g.count == 1 && g[0].severity == .error && g[0].message == "AGE is negative (-3)")
    }
}
