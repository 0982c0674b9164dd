import Testing
import TrialCore
@testable import Validation

/// TD0501–TD0701: AE, QS and TU/TR rules.
@Suite struct DomainRuleTests {
    static let aeHeader = "USUBJID|AESEQ:N|AESER|AESDTH|AESLIFE|AESHOSP|AETOXGR|AEOUT"

    @Test func seriousNeedsCriterion() {
        let good = Fixture.table("AE", Self.aeHeader, ["S1|1|Y|N|N|Y|3|RECOVERED/RESOLVED", "S1|2|N|||||"])
        #expect(Fixture.run("TD0501", [good]).1.isEmpty)
        let bad = Fixture.table("AE", Self.aeHeader, ["S1|1|Y|N|N|Y|3|", "S1|2|Y|N|N|N|2|"])
        let (_, f) = Fixture.run("TD0501", [bad])
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].sequence == "2" && f[0].variable == "AESER")
        #expect(f[0].message == "AESER is Y but none of AESDTH, AESLIFE, AESHOSP is Y")
    }

    @Test func gradeWithinOneToFive() {
        let good = Fixture.table("AE", Self.aeHeader, ["S1|1|N||||1|", "S1|2|N||||5|FATAL", "S1|3|N|||||"])
        #expect(Fixture.run("TD0502", [good]).1.isEmpty)
        let bad = Fixture.table("AE", Self.aeHeader, ["S1|1|N||||1|", "S1|2|N||||6|"])
        let (_, f) = Fixture.run("TD0502", [bad])
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].variable == "AETOXGR" && f[0].value == "6")
        #expect(f[0].message == "AETOXGR '6' is not a CTCAE grade")
        let (o, _) = Fixture.run("TD0502", [Fixture.table("AE", "USUBJID|AESEQ:N", ["S1|1"])])
        #expect(o.status == .notExecuted && o.reason == "AE has no AETOXGR")
    }

    @Test func gradeFiveIsFatal() {
        let good = Fixture.table("AE", Self.aeHeader, ["S1|1|Y|Y|||5|FATAL", "S1|2|N||||4|NOT RECOVERED/NOT RESOLVED"])
        #expect(Fixture.run("TD0503", [good]).1.isEmpty)
        let bad = Fixture.table("AE", Self.aeHeader, ["S1|1|Y|Y|||5|FATAL", "S1|2|Y|Y|||5|RECOVERED/RESOLVED"])
        let (_, f) = Fixture.run("TD0503", [bad])
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].variable == "AEOUT" && f[0].value == "RECOVERED/RESOLVED" && f[0].expected == "FATAL")
        #expect(f[0].message == "AETOXGR is 5 (death) but AEOUT is 'RECOVERED/RESOLVED'")
    }

    static let qsHeader = "USUBJID|DOMAIN|QSSEQ:N|QSTESTCD|QSORRES|QSSTRESC|QSSTRESN:N|QSSTAT"

    @Test func questionnaireRangeFromConfiguration() {
        let config = ValidationConfiguration(questionnaireRanges: ["QLQ01": 1...4, "QLQ29": 1...7])
        let good = Fixture.table("QS", Self.qsHeader, ["S1|QS|1|QLQ01|4|4|4|", "S1|QS|2|QLQ29|7|7|7|"])
        #expect(Fixture.run("TD0601", [good], configuration: config).1.isEmpty)
        let bad = Fixture.table("QS", Self.qsHeader, ["S1|QS|1|QLQ01|5|5|5|", "S1|QS|2|QLQ29|7|7|7|"])
        let (_, f) = Fixture.run("TD0601", [bad], configuration: config)
        #expect(f.count == 1)
        #expect(f[0].row == 1 && f[0].variable == "QSSTRESN" && f[0].value == "5" && f[0].expected == "1 to 4")
        #expect(f[0].message == "QSSTRESN 5 of QLQ01 is outside its range 1–4")
        let (o, _) = Fixture.run("TD0601", [bad])
        #expect(o.status == .notExecuted)
    }

    @Test func questionnaireRangeFromSpec() {
        let spec = DatasetSpec(name: "QS", label: "Questionnaires", variables: [
            Fixture.v("QSSTRESN", "Numeric Finding in Standard Units", .numeric, .exp, range: 0...100)])
        let split = Fixture.table("QSPH", Self.qsHeader, ["S1|QS|1|PF|x|x|100|", "S1|QS|2|PF|x|x|100.5|"])
        let (_, f) = Fixture.run("TD0601", [split], specs: Fixture.specs([spec]))
        #expect(f.count == 1 && f[0].dataset == "QSPH" && f[0].row == 2)
        #expect(f[0].message == "QSSTRESN 100.5 of PF is outside its range 0–100")
    }

    @Test func notDoneHasNoResult() {
        let good = Fixture.table("QS", Self.qsHeader, ["S1|QS|1|QLQ01|4|4|4|", "S1|QS|2|QLQ02||||NOT DONE"])
        #expect(Fixture.run("TD0602", [good]).1.isEmpty)
        let bad = Fixture.table("QS", Self.qsHeader, ["S1|QS|1|QLQ01|4|4|4|", "S1|QS|2|QLQ02|||3|NOT DONE"])
        let (_, f) = Fixture.run("TD0602", [bad])
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].sequence == "2" && f[0].variable == "QSSTRESN" && f[0].value == "3")
        #expect(f[0].message == "QSSTAT is NOT DONE but the result is filled in (QSSTRESN='3')")
    }

    @Test func tumorResultLinksToIdentification() {
        let tu = Fixture.table("TU", "USUBJID|TUSEQ:N|TULNKID", ["S1|1|T01", "S1|2|T02", "S2|1|T01"])
        let good = Fixture.table("TR", "USUBJID|TRSEQ:N|TRLNKID", ["S1|1|T01", "S1|2|T02", "S2|1|T01", "S2|2|"])
        #expect(Fixture.run("TD0701", [tu, good]).1.isEmpty)
        let bad = Fixture.table("TR", "USUBJID|TRSEQ:N|TRLNKID", ["S1|1|T01", "S2|1|T02"])
        let (_, f) = Fixture.run("TD0701", [tu, bad])
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].usubjid == "S2" && f[0].sequence == "1" && f[0].value == "T02")
        #expect(f[0].message == "TRLNKID T02 has no TU record with TULNKID T02 for this subject")
        let (o, _) = Fixture.run("TD0701", [bad])
        #expect(o.status == .notExecuted && o.reason == "TU is not in the input")
    }

    @Test func fatalEventHasDeathFlag() {
        let dm = Fixture.table("DM", "USUBJID|DTHFL|DTHDTC", ["S1|Y|2021-05-01", "S2||"])
        let good = Fixture.table("AE", Self.aeHeader, ["S1|1|Y|Y|||5|FATAL", "S2|1|N||||2|RECOVERED/RESOLVED"])
        #expect(Fixture.run("TD0504", [dm, good]).1.isEmpty)
        let bad = Fixture.table("AE", Self.aeHeader, ["S1|1|Y|Y|||5|FATAL", "S2|1|Y|Y|||5|FATAL", "S2|2|Y|Y|||5|FATAL"])
        let (_, f) = Fixture.run("TD0504", [dm, bad])
        #expect(f.count == 1)
        #expect(f[0].row == 2 && f[0].usubjid == "S2" && f[0].sequence == "1" && f[0].variable == "AEOUT")
        #expect(f[0].message == "AEOUT is FATAL but the subject's DM.DTHFL is empty")
        let (o, _) = Fixture.run("TD0504", [bad])
        #expect(o.status == .notExecuted && o.reason == "DM is not in the input")
    }
}
