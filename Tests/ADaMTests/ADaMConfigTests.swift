import Foundation
import Testing
import TrialCore
@testable import ADaM

/// Loading the mapping folder: the study's files load; broken ones are errors naming the file.
@Suite struct ADaMConfigTests {
    func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("adamcfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let base = TestSupport.packageRoot.appendingPathComponent("mappings/crlm")
        for name in ["adsl.yaml", "endpoints.yaml", "adam.yaml"] {
            let text = try files[name] ?? String(contentsOf: base.appendingPathComponent(name), encoding: .utf8)
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    @Test func studyMappingLoads() throws {
        let c = try ADTTETests.config()
        #expect(c.parameters.map(\.paramcd) == ["OS", "LPFS", "PFS"])
        #expect(c.parameters[0].maxDay?.day == 730)
        #expect(c.parameters[1].missedAssessments?.maxGapDays == 196)
        #expect(c.parameters[0].censors.allSatisfy { $0.cnsdtdsc == "LAST KNOWN ALIVE DATE" })
        #expect(c.visits.halfWidth == 14 && c.visits.windows.count == 9)
        #expect(c.adqs.baseline.avisitn == 0)
        #expect(c.adsl.treatments.map(\.code) == ["G1", "G2"])
    }

    @Test func malformedYAMLNamesTheFile() throws {
        let dir = try folder(["endpoints.yaml": "parameters: [ {paramcd: OS"])
        do {
            _ = try ADaMConfig.load(mappingDirectory: dir)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics[0].location == .file(dir + "/endpoints.yaml"))
            #expect(error.diagnostics[0].message.contains("YAML"))
        }
    }

    @Test func parameterWithoutEventsIsAnError() throws {
        let dir = try folder(["endpoints.yaml": "parameters:\n  - {paramcd: OS, param: Overall Survival, censors: []}\n"])
        #expect(throws: InputError.self) { try ADaMConfig.load(mappingDirectory: dir) }
    }

    @Test func invalidParamcdIsAnError() throws {
        let yaml = "parameters:\n  - {paramcd: overall-survival, param: OS, events: [{dataset: DM, date: DTHDTC, evntdesc: DEATH}]}\n"
        let dir = try folder(["endpoints.yaml": yaml])
        do {
            _ = try ADaMConfig.load(mappingDirectory: dir)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics[0].value == "overall-survival")
        }
    }

    @Test func overlappingWindowsAndBadCutoff() throws {
        let d1 = try folder(["adam.yaml": "visits: {every: 1, through: 24, halfWidth: 20}\n"])
        #expect(throws: InputError.self) { try ADaMConfig.load(mappingDirectory: d1) }
        let d2 = try folder(["adam.yaml": "cutoff: 2026-02-30\n"])
        do {
            _ = try ADaMConfig.load(mappingDirectory: d2)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics[0].value == "2026-02-30")
        }
    }

    @Test func missingFolderIsAnError() {
        #expect(throws: InputError.self) { try ADaMConfig.load(mappingDirectory: "/nonexistent/mapping") }
    }

    @Test func missingDMIsAnError() throws {
        let c = try ADTTETests.config()
        #expect(throws: InputError.self) { try ADaMDerivation.deriveAll(sdtm: [:], config: c) }
        let dup = TestSupport.dataset("DM", ["USUBJID", "RFSTDTC"], [["A", "2021-01-01"], ["A", "2021-01-02"]])
        do {
            _ = try ADaMDerivation.deriveAll(sdtm: ["DM": dup], config: c)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics[0].location == .dataset(name: "DM", row: 2, variable: "USUBJID"))
        }
    }
}

/// The ADaM specs load and every derived dataset conforms to its spec without errors.
@Suite struct ADaMSpecTests {
    @Test func derivedDatasetsConformToSpecs() throws {
        let specs = try SpecLibrary.load(from: TestSupport.packageRoot.appendingPathComponent("specs").path)
        for name in ["ADSL", "ADTTE", "ADAE", "ADQS"] { #expect(specs.dataset(name) != nil, "no spec for \(name)") }
        let result = try ADaMDerivation.deriveAll(sdtm: HandMadeSDTM.all, config: ADTTETests.config(), specs: specs)
        #expect(result.adtte.columnNames.prefix(4) == ["STUDYID", "USUBJID", "PARAMCD", "PARAM"])
        #expect(result.adtte.column("EVNTDESC")?.length == 60)
        #expect(result.adtte.column("ADT")?.format == "DATE9.")
        // Every derived variable is in its spec: no "not in the spec" warnings.
        let extra = result.diagnostics.filter { $0.message.contains("not in the spec") }
        #expect(extra.isEmpty, "\(extra.map(\.description))")
        #expect(result.adsl.keys == ["STUDYID", "USUBJID"])
    }
}

/// The input audit reports malformed dates and absent datasets/variables.
@Suite struct SDTMInputAuditTests {
    @Test func malformedDatesAndMissingVariables() throws {
        var sdtm = HandMadeSDTM.all
        sdtm["RS"] = TestSupport.dataset("RS", ["USUBJID", "RSSEQ", "RSTESTCD", "RSSTRESC", "RSDTC"],
                                         [["S01", "1", "IHRESP", "SD", "02/04/2021"]], numeric: ["RSSEQ"])
        sdtm["TU"] = TestSupport.dataset("TU", ["USUBJID", "TUSEQ"], [["S01", "1"]], numeric: ["TUSEQ"])
        let result = try ADaMDerivation.deriveAll(sdtm: sdtm, config: ADTTETests.config())
        let bad = result.diagnostics.filter { $0.severity == .warning && $0.value == "02/04/2021" }
        #expect(bad.count == 1)
        #expect(bad.first?.location == .dataset(name: "RS", row: 1, variable: "RSDTC"))
        #expect(result.diagnostics.contains { $0.location == .dataset(name: "TU", row: 0, variable: "TUDTC") })
        #expect(result.diagnostics.contains { $0.location == .file("QS") && $0.severity == .note })
    }
}
