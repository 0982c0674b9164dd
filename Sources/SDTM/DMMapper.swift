import StudyModel
import TrialCore

/// DM: one row per subject, with SUPPDM for the baseline disease characteristics.
///
/// RFSTDTC = inclusion date (study day 1); RFICDTC = consent; RFENDTC = date of the
/// disposition event (completion, withdrawal, death), null while ongoing; RFPENDTC = the same,
/// or the last date known alive while ongoing; RFXSTDTC / RFXENDTC = earliest / latest complete
/// date among local liver procedures (PR) and systemic therapy start / end dates (EX);
/// DTHDTC / DTHFL from the disposition; AGE in completed years at inclusion (see `age`).
/// ARM = ACTARM = the group the patient chose; a subject with no PR or EX record has null
/// ACTARMCD/ACTARM and ARMNRS `ASSIGNED, NOT TREATED`.
enum DMMapper {
    static let names = ["STUDYID", "DOMAIN", "USUBJID", "SUBJID", "RFSTDTC", "RFENDTC", "RFXSTDTC", "RFXENDTC",
                        "RFICDTC", "RFPENDTC", "DTHDTC", "DTHFL", "SITEID", "BRTHDTC", "AGE", "AGEU", "SEX", "RACE",
                        "ETHNIC", "ARMCD", "ARM", "ACTARMCD", "ACTARM", "ARMNRS", "ACTARMUD", "COUNTRY"]

    /// Maps one subject; returns the reason when the DM row cannot be written.
    static func map(_ s: Subject, _ ctx: SubjectContext, disposition d: Disposition?,
                    procedures: [Procedure], therapies: [SystemicTherapy], run: inout MappingRun) -> Diagnostic? {
        var exposureStarts: [CalendarDate] = procedures.compactMap { $0.date?.date }
        var exposureEnds = exposureStarts
        exposureStarts += therapies.compactMap { $0.startDate?.date }
        exposureEnds += therapies.compactMap { $0.endDate?.date }
        let treated = !procedures.isEmpty || !therapies.isEmpty

        var rfend: PartialDateTime? = nil
        var rfpend: PartialDateTime? = nil
        if let d {
            switch d.status {
            case .ongoing: rfpend = d.lastKnownAliveDate
            case .died: rfend = d.deathDate ?? d.date; rfpend = rfend
            case .completed, .withdrawn: rfend = d.date; rfpend = d.date
            }
        }
        let died = d.map { $0.deathDate != nil || $0.status == .died } ?? false
        let age = DMMapper.age(birth: s.birthDate, at: s.inclusionDate)
        if s.birthDate != nil, s.inclusionDate != nil, age == nil {
            run.diagnostics.append(Diagnostic(.note, at: s.provenance.location,
                "AGE left null: the birth date or the inclusion date is too partial to determine the age at inclusion",
                value: s.birthDate?.iso8601))
        }
        let row: [Value] = [
            .character(run.studyID), .character("DM"), .character(ctx.usubjid), .character(s.subjectID),
            .dtc(s.inclusionDate), .dtc(rfend), .text(exposureStarts.min()?.iso8601), .text(exposureEnds.max()?.iso8601),
            .dtc(s.consentDate), .dtc(rfpend), .dtc(d?.deathDate), .character(died ? "Y" : ""), .character(s.siteID),
            .dtc(s.birthDate), .int(age), .character(age == nil ? "" : "YEARS"), .character(s.sex.rawValue),
            .character(s.race.rawValue), .character(s.ethnicity.rawValue),
            .character(s.group.armCode), .character(s.group.armDescription),
            .character(treated ? s.group.armCode : ""), .character(treated ? s.group.armDescription : ""),
            .character(treated ? "" : "ASSIGNED, NOT TREATED"), .character(""), .character(s.country),
        ]
        return run.dm.add(row, key: [], source: s.provenance.location, qualifiers: baselineQualifiers(s))
    }

    /// Age in completed years at `date`, when the (possibly partial) birth date determines it:
    /// the age is computed for the earliest and the latest birth date the partial date allows
    /// and kept only when both agree. Nothing is imputed. `nil` without a complete `date`.
    static func age(birth: PartialDateTime?, at date: PartialDateTime?) -> Int? {
        guard let birth, let at = date?.date, let (earliest, latest) = SubjectContext.bounds(of: birth) else { return nil }
        func years(_ b: CalendarDate) -> Int {
            var y = at.year - b.year
            if (at.month, at.day) < (b.month, b.day) { y -= 1 }
            return y
        }
        let a = years(earliest), b = years(latest)
        return a == b && a >= 0 ? a : nil
    }

    /// SUPPDM qualifiers: the baseline disease characteristics and ECOG at inclusion.
    static func baselineQualifiers(_ s: Subject) -> [SuppQualifier] {
        let b = s.baseline
        func yn(_ x: Bool?) -> String { x.map { $0 ? "Y" : "N" } ?? "" }
        func num(_ x: Double?) -> String { x.map(Value.format) ?? "" }
        var q: [SuppQualifier] = [
            SuppQualifier("ECOG", "ECOG Performance Status at Inclusion", s.ecog.map(String.init) ?? ""),
            SuppQualifier("PRIMSITE", "Primary Tumour Site", b.primarySite.rawValue),
            SuppQualifier("PRIMSIDE", "Primary Tumour Sidedness", b.primarySite.sidedness, origin: "Derived"),
            SuppQualifier("PRIMRES", "Primary Tumour Resected", yn(b.primaryResected)),
            SuppQualifier("LMTIMING", "Liver Metastases Timing", b.liverMetastasisTiming.rawValue),
            SuppQualifier("RAS", "RAS Mutation Status", b.ras.rawValue),
            SuppQualifier("BRAF", "BRAF V600E Mutation Status", b.braf.rawValue),
            SuppQualifier("MSI", "Microsatellite Instability Status", b.msi.rawValue),
            SuppQualifier("CEA", "Baseline CEA (ng/mL)", num(b.ceaNgPerML)),
            SuppQualifier("LIVMETN", "Number of Liver Metastases", b.liverMetastasisCount.map(String.init) ?? ""),
            SuppQualifier("LIVMETMX", "Largest Liver Metastasis Diameter (mm)", num(b.largestLiverMetastasisMM)),
            SuppQualifier("BILOBAR", "Bilobar Liver Metastases", yn(b.bilobar)),
            SuppQualifier("EHSITEN", "Number of Extrahepatic Metastatic Sites", String(b.extrahepaticSiteCount), origin: "Derived"),
        ]
        for (i, site) in b.extrahepaticSites.enumerated() {
            q.append(SuppQualifier("EHSITE\(i + 1)", "Extrahepatic Metastatic Site \(i + 1)", site.rawValue))
        }
        return q.filter { !$0.qval.isEmpty }
    }
}
