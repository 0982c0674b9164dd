import Foundation
import Testing
import TrialCore
@testable import ADaM

/// ADTTE on the hand-made SDTM with the study's own mapping (`mappings/crlm`): each expected
/// AVAL / CNSR / EVNTDESC is written by hand from the rules in endpoints.yaml.
@Suite struct ADTTETests {
    static func config() throws -> ADaMConfig {
        try ADaMConfig.load(mappingDirectory: TestSupport.packageRoot.appendingPathComponent("mappings/crlm").path)
    }

    struct Expected {
        var aval: Double
        var cnsr: Double
        var evntdesc: String
        var srcdom: String
        var srcvar: String
        var srcseq: Double?
    }

    func rows(_ ds: Dataset, _ paramcd: String) -> [String: Expected] {
        var out: [String: Expected] = [:]
        for r in 0..<ds.rowCount where ds.text("PARAMCD", row: r) == paramcd {
            out[ds.text("USUBJID", row: r)] = Expected(aval: ds.value("AVAL", row: r)!.number!, cnsr: ds.value("CNSR", row: r)!.number!,
                                                       evntdesc: ds.text("EVNTDESC", row: r), srcdom: ds.text("SRCDOM", row: r),
                                                       srcvar: ds.text("SRCVAR", row: r), srcseq: ds.value("SRCSEQ", row: r)!.number)
        }
        return out
    }

    func check(_ got: Expected?, _ aval: Double, _ cnsr: Double, _ evntdesc: String, _ srcdom: String, _ srcvar: String,
               _ srcseq: Double?, _ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(got?.aval == aval, "\(id) AVAL", sourceLocation: sourceLocation)
        #expect(got?.cnsr == cnsr, "\(id) CNSR", sourceLocation: sourceLocation)
        #expect(got?.evntdesc == evntdesc, "\(id) EVNTDESC", sourceLocation: sourceLocation)
        #expect(got?.srcdom == srcdom, "\(id) SRCDOM", sourceLocation: sourceLocation)
        #expect(got?.srcvar == srcvar, "\(id) SRCVAR", sourceLocation: sourceLocation)
        #expect(got?.srcseq == srcseq, "\(id) SRCSEQ", sourceLocation: sourceLocation)
    }

    @Test func overallSurvival() throws {
        let result = try ADaMDerivation.deriveAll(sdtm: HandMadeSDTM.all, config: Self.config())
        let os = rows(result.adtte, "OS")
        #expect(os.count == 10)
        check(os["S01"], 184, 0, "DEATH", "DM", "DTHDTC", nil, "S01")            // death on the last visit day
        check(os["S02"], 349, 0, "DEATH", "DM", "DTHDTC", nil, "S02")
        check(os["S03"], 184, 0, "DEATH", "DM", "DTHDTC", nil, "S03")
        check(os["S04"], 41, 1, "LAST KNOWN ALIVE DATE", "DM", "RFPENDTC", nil, "S04")
        // DTHDTC 2021-07 → first of month 2021-07-01, but not before LSTALVDT 2021-07-20 (AE start).
        check(os["S05"], 201, 0, "DEATH", "DM", "DTHDTC", nil, "S05")
        // Death on day 762 > 730: censored at day 730 (ADT 2022-12-31).
        check(os["S06"], 730, 2, "ADMINISTRATIVE CENSORING AT DAY 730", "DM", "RFSTDTC", nil, "S06")
        check(os["S07"], 184, 1, "LAST KNOWN ALIVE DATE", "DM", "RFPENDTC", nil, "S07")
        check(os["S09"], 213, 1, "LAST KNOWN ALIVE DATE", "DM", "RFPENDTC", nil, "S09")
        // Last alive 2021-04-02 in SV and RS: SV is listed first among the censor sources.
        check(os["S10"], 92, 1, "LAST KNOWN ALIVE DATE", "SV", "SVSTDTC", nil, "S10")
        let adt = result.adtte
        let r5 = (0..<adt.rowCount).first { adt.text("USUBJID", row: $0) == "S05" && adt.text("PARAMCD", row: $0) == "OS" }!
        #expect(adt.text("ADTF", row: r5) == "D")
        #expect(adt.value("ADT", row: r5) == .number(TestSupport.sas("2021-07-20")))
        #expect(adt.value("STARTDT", row: r5) == .number(TestSupport.sas("2021-01-01")))
        #expect(adt.text("TRT01P", row: r5) == "GROUP I" && adt.value("TRT01PN", row: r5) == .number(1))
        let r6 = (0..<adt.rowCount).first { adt.text("USUBJID", row: $0) == "S06" && adt.text("PARAMCD", row: $0) == "OS" }!
        #expect(adt.value("ADT", row: r6) == .number(TestSupport.sas("2022-12-31")))
        #expect(adt.text("TRT01P", row: r6) == "GROUP II")
    }

    @Test func liverSpecificPFS() throws {
        let result = try ADaMDerivation.deriveAll(sdtm: HandMadeSDTM.all, config: Self.config())
        let l = rows(result.adtte, "LPFS")
        #expect(l.count == 10)
        check(l["S01"], 184, 0, "DEATH", "DM", "DTHDTC", nil, "S01")
        // Death 257 days after the last adequate assessment (> 2·91 + 14 = 196): censored there.
        check(l["S02"], 92, 1, "DEATH AFTER 2+ MISSED ASSESSMENTS", "RS", "RSDTC", 1, "S02")
        // Progression and death on one day: the progression source is listed first.
        check(l["S03"], 184, 0, "INTRAHEPATIC PROGRESSION", "RS", "RSDTC", 3, "S03")
        check(l["S04"], 1, 2, "NO ADEQUATE POST-BASELINE LIVER ASSESSMENT", "DM", "RFSTDTC", nil, "S04")
        check(l["S05"], 201, 0, "DEATH", "DM", "DTHDTC", nil, "S05")
        // No day-730 limit for LPFS: death 30 days after the month-24 assessment is an event.
        check(l["S06"], 762, 0, "DEATH", "DM", "DTHDTC", nil, "S06")
        check(l["S07"], 184, 0, "NEW LIVER LESION", "TU", "TUDTC", 2, "S07")
        check(l["S08"], 275, 1, "LAST ADEQUATE LIVER ASSESSMENT", "RS", "RSDTC", 3, "S08")
        check(l["S09"], 92, 1, "LAST ADEQUATE LIVER ASSESSMENT", "RS", "RSDTC", 1, "S09")
        // The PD of 2020-12-20 precedes inclusion and the partial RSDTC 2021-06 is not used.
        check(l["S10"], 92, 1, "LAST ADEQUATE LIVER ASSESSMENT", "RS", "RSDTC", 2, "S10")
    }

    @Test func overallPFS() throws {
        let result = try ADaMDerivation.deriveAll(sdtm: HandMadeSDTM.all, config: Self.config())
        let p = rows(result.adtte, "PFS")
        check(p["S01"], 184, 0, "DEATH", "DM", "DTHDTC", nil, "S01")
        check(p["S03"], 184, 0, "DISEASE PROGRESSION", "RS", "RSDTC", 4, "S03")
        check(p["S07"], 184, 0, "NEW LESION", "TU", "TUDTC", 2, "S07")
        // RS overall PD and a new lung lesion on one day: RS is listed first.
        check(p["S08"], 275, 0, "DISEASE PROGRESSION", "RS", "RSDTC", 4, "S08")
        check(p["S09"], 1, 2, "NO ADEQUATE POST-BASELINE TUMOUR ASSESSMENT", "DM", "RFSTDTC", nil, "S09")
    }

    /// Every row's SRCDOM/SRCVAR/SRCSEQ points at an SDTM record of the subject whose date is
    /// ADT (complete, or partial with ADTF set and ADT inside the partial date's range); the
    /// administrative censoring points at the origin and has ADT = STARTDT + 729.
    @Test func traceability() throws {
        let sdtm = HandMadeSDTM.all
        let result = try ADaMDerivation.deriveAll(sdtm: sdtm, config: Self.config())
        let adtte = result.adtte
        #expect(adtte.rowCount == 30)
        for r in 0..<adtte.rowCount {
            let id = adtte.text("USUBJID", row: r)
            let adt = CalendarDate(sasDate: Int(adtte.value("ADT", row: r)!.number!))
            let start = CalendarDate(sasDate: Int(adtte.value("STARTDT", row: r)!.number!))
            #expect(adtte.value("AVAL", row: r)!.number! == Double(start.days(to: adt) + 1))
            let dom = adtte.text("SRCDOM", row: r), variable = adtte.text("SRCVAR", row: r)
            let seq = adtte.value("SRCSEQ", row: r)!.number
            if adtte.text("CNSDTDSC", row: r).hasPrefix("ADMINISTRATIVE") {
                #expect(dom == "DM" && variable == "RFSTDTC" && adt == start.adding(days: 729))
                continue
            }
            let ds = try #require(sdtm[dom], "row \(r): SRCDOM \(dom) is not an SDTM dataset")
            let matches = (0..<ds.rowCount).filter { i in
                guard ds.text("USUBJID", row: i) == id else { return false }
                if let seq { return ds.value(dom + "SEQ", row: i)?.number == seq }
                return true
            }.filter { i in
                guard let p = try? PartialDateTime.parseISO8601(ds.text(variable, row: i)) else { return false }
                if let d = p.date { return d == adt }
                guard let range = DateImputation.possibleRange(p, highest: .month) else { return false }
                return !adtte.text("ADTF", row: r).isEmpty && range.contains(adt)
            }
            #expect(!matches.isEmpty, "row \(r) (\(id) \(adtte.text("PARAMCD", row: r))): no \(dom).\(variable) record with date \(adt)")
            if seq != nil { #expect(matches.count == 1) }
        }
    }

    @Test func adslFromHandMadeSDTM() throws {
        let result = try ADaMDerivation.deriveAll(sdtm: HandMadeSDTM.all, config: Self.config())
        let adsl = result.adsl
        #expect(adsl.rowCount == 10)
        func v(_ id: String, _ name: String) -> Value {
            let r = (0..<adsl.rowCount).first { adsl.text("USUBJID", row: $0) == id }!
            return adsl.value(name, row: r)!
        }
        // S05: LSTALVDT = AE start 2021-07-20 (later than RS 2021-07-03); DTHDT imputed to it.
        #expect(v("S05", "LSTALVDT") == .number(TestSupport.sas("2021-07-20")))
        #expect(v("S05", "DTHDT") == .number(TestSupport.sas("2021-07-20")))
        #expect(v("S05", "DTHDTF") == .character("D"))
        #expect(v("S05", "DTHFL") == .character("Y"))
        #expect(v("S04", "DTHFL") == .character(""))
        // S10: RFPENDTC empty; SV/RS 2021-04-02 is the last alive date.
        #expect(v("S10", "LSTALVDT") == .number(TestSupport.sas("2021-04-02")))
        #expect(v("S01", "TRT01P") == .character("GROUP I") && v("S10", "TRT01PN") == .number(2))
        #expect(v("S01", "ENRLDT") == .number(TestSupport.sas("2021-01-01")))
        #expect(v("S01", "AGEGR1") == .character("<65") && v("S01", "AGE") == .number(50))
        #expect(v("S01", "ITTFL") == .character("Y"))
        // No PR/EX in this SDTM: no treatment dates, not in the safety population.
        #expect(v("S01", "SAFFL") == .character("N") && v("S01", "TRTSDT") == .dot)
        // EOSSTT without DS: ONGOING.
        #expect(v("S01", "EOSSTT") == .character("ONGOING"))
        // Covariates from SUPPDM (S01), and their fallbacks for S02 who has no qualifiers.
        #expect(v("S01", "ECOGBL") == .number(1) && v("S02", "ECOGBL") == .dot)
        #expect(v("S01", "PRIMSITE") == .character("RECTUM") && v("S01", "PRIMSIDE") == .character("LEFT"))
        #expect(v("S02", "PRIMSITE") == .character("UNKNOWN") && v("S02", "PRIMSIDE") == .character("UNKNOWN"))
        #expect(v("S01", "SYNCHFL") == .character("Y") && v("S02", "SYNCHFL") == .character(""))
        #expect(v("S01", "CEABL") == .number(12.5))
        #expect(v("S01", "EHSITEN") == .number(2) && v("S02", "EHSITEN") == .number(0))
        // ADTTE carries the covariates.
        let adtte = result.adtte
        let r = (0..<adtte.rowCount).first { adtte.text("USUBJID", row: $0) == "S01" }!
        #expect(adtte.value("ECOGBL", row: r) == .number(1) && adtte.text("PRIMSIDE", row: r) == "LEFT")
    }
}
