import Testing
import TrialCore
@testable import Validation

/// Small datasets and specs written inline for the rule tests.
enum Fixture {
    /// A dataset from a header `NAME|NAME:N|…` (`:N` = numeric) and pipe-separated rows;
    /// an empty numeric cell is missing.
    static func table(_ name: String, _ header: String, _ rows: [String]) -> Dataset {
        let heads = header.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        var cols: [Column] = []
        for (i, h) in heads.enumerated() {
            let numeric = h.hasSuffix(":N")
            let n = numeric ? String(h.dropLast(2)) : h
            let cells = rows.map { r -> String in
                let parts = r.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                return i < parts.count ? parts[i] : ""
            }
            if numeric {
                cols.append(.numeric(n, cells.map { Double($0) }))
            } else {
                cols.append(.character(n, cells))
            }
        }
        return Dataset(name: name, columns: cols)
    }

    /// A variable spec.
    static func v(_ name: String, _ label: String, _ type: VariableType = .character,
                  _ core: VariableSpec.Core = .perm, length: Int? = nil, codelist: String? = nil,
                  range: ClosedRange<Double>? = nil) -> VariableSpec {
        VariableSpec(name: name, label: label, type: type, length: length, core: core,
                     codelist: codelist, range: range)
    }

    /// A minimal AE spec: USUBJID (Req), AESEQ (Req, Num), AETERM (Req, length 20),
    /// AESEV (Exp, codelist AESEV), AESTDTC (Exp).
    static let aeSpec = DatasetSpec(name: "AE", label: "Adverse Events", datasetClass: "Events",
        standard: "SDTMIG 3.4", keys: ["USUBJID", "AETERM", "AESTDTC"], variables: [
            v("USUBJID", "Unique Subject Identifier", .character, .req),
            v("AESEQ", "Sequence Number", .numeric, .req),
            v("AETERM", "Reported Term for the Adverse Event", .character, .req, length: 20),
            v("AESEV", "Severity/Intensity", .character, .exp, codelist: "AESEV"),
            v("AESTDTC", "Start Date/Time of Adverse Event", .character, .exp),
        ])

    /// An AE dataset conforming to `aeSpec` (labels set), from rows `USUBJID|AESEQ|AETERM|AESEV|AESTDTC`.
    static func ae(_ rows: [String]) -> Dataset {
        var d = table("AE", "USUBJID|AESEQ:N|AETERM|AESEV|AESTDTC", rows)
        for i in d.columns.indices { d.columns[i].label = aeSpec.variable(d.columns[i].name)?.label ?? "" }
        return d
    }

    /// Codelists used by the tests: AESEV (non-extensible), ROUTE (extensible).
    static let codelists = [
        Codelist(id: "AESEV", name: "Severity/Intensity Scale for Adverse Events", code: "C66769",
                 extensible: false, terms: [.init(value: "MILD"), .init(value: "MODERATE"), .init(value: "SEVERE")]),
        Codelist(id: "ROUTE", name: "Route of Administration", code: "C66729",
                 extensible: true, terms: [.init(value: "ORAL"), .init(value: "INTRAVENOUS")]),
    ]

    /// Specs with `datasets` and the test codelists.
    static func specs(_ datasets: [DatasetSpec] = [aeSpec]) -> SpecLibrary {
        SpecLibrary(datasets: datasets, codelists: codelists)
    }

    /// A DM from rows `USUBJID|RFSTDTC|DTHDTC`.
    static func dm(_ rows: [String]) -> Dataset { table("DM", "USUBJID|RFSTDTC|DTHDTC", rows) }

    /// Runs one rule and returns its outcome and findings (checking that every finding carries
    /// the rule's id and that the outcome is the rule's).
    static func run(_ id: String, _ datasets: [Dataset], specs: SpecLibrary = SpecLibrary(),
                    configuration: ValidationConfiguration = ValidationConfiguration()) -> (RuleOutcome, [Finding]) {
        let report = Validator(rules: RuleSet.standard.only([id]), configuration: configuration)
            .validate(datasets: datasets, specs: specs)
        #expect(report.rules.count == 1 && report.rules[0].id == id)
        #expect(report.findings.allSatisfy { $0.ruleID == id })
        return (report.rules[0], report.findings)
    }
}
