import Foundation
import Testing
import TrialCore
@testable import trialdata

/// The `trialdata survival` contract (issue 5): option names, JSON keys and values (checked
/// against the R reference numbers of Tests/SurvivalTests/Fixtures), row filtering and errors.
@Suite struct SurvivalCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SurvivalTests/Fixtures")
    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    nonisolated(unsafe) static let reference: [String: Any] = {
        let data = try! Data(contentsOf: fixtures.appendingPathComponent("reference.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func refNumbers(_ c: String, _ k: String) -> [Double] {
        ((reference[c] as! [String: Any])[k] as! [Any]).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }

    func json(_ out: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
    }

    func keys(_ out: String) -> [String] {
        // top-level key order as printed
        var keys: [String] = []
        var depth = 0, inString = false, escape = false, current = ""
        var afterBraceOrComma = false
        for ch in out {
            if inString {
                if escape { escape = false; current.append(ch); continue }
                if ch == "\\" { escape = true; continue }
                if ch == "\"" { inString = false; if depth == 1 && afterBraceOrComma { keys.append(current) }; afterBraceOrComma = false; continue }
                current.append(ch); continue
            }
            switch ch {
            case "\"": inString = true; current = ""
            case "{", "[": depth += 1; afterBraceOrComma = depth == 1
            case "}", "]": depth -= 1
            case ",": afterBraceOrComma = depth == 1
            default: break
            }
        }
        return keys
    }

    let lung = ["--input", path("lung.csv"), "--time", "time", "--event", "status", "--event-values", "2"]

    @Test func kmJSONContract() throws {
        let out = try SurvivalKMCommand.parse(["--format", "json", "--group", "sex", "--times", "365,730", "--rmst-tau", "365",
                                               "--conf-type", "log-log"] + lung).output()
        #expect(keys(out) == ["method", "conf_type", "conf_level", "n_used", "n_dropped", "strata"])
        let j = try json(out)
        #expect(j["method"] as? String == "kaplan-meier")
        #expect(j["conf_type"] as? String == "log-log")
        #expect(j["n_used"] as? Int == 228 && j["n_dropped"] as? Int == 0)
        let strata = j["strata"] as! [[String: Any]]
        #expect(strata.count == 2)
        #expect(strata[0]["group"] as? Int == 1)
        #expect(Set(strata[0].keys) == ["group", "n", "events", "median", "median_lower", "median_upper", "rmst", "at_times", "table"])
        let r = (((Self.reference["km_lung_sex_log-log"] as! [String: Any])["strata"] as! [String: Any])["sex=1"] as! [String: Any])
        let q = (r["q"] as! [NSNumber]).map(\.doubleValue)
        #expect(strata[0]["median"] as? Double == q[1])
        let rmst = strata[0]["rmst"] as! [String: Any]
        #expect(abs((rmst["estimate"] as! Double) - ((r["rmean"] as! [NSNumber])[0].doubleValue)) < 1e-9)
        let table = strata[0]["table"] as! [[String: Any]]
        #expect(Set(table[0].keys) == ["time", "n_risk", "n_event", "n_censor", "surv", "std_err", "lower", "upper"])
        let at = strata[0]["at_times"] as! [[String: Any]]
        #expect(Set(at[0].keys) == ["time", "surv", "std_err", "lower", "upper", "n_risk"])
        // std_err is the SE of S (R's summary): S × std.err(−log S)
        let surv = (r["surv"] as! [NSNumber]).map(\.doubleValue)
        let se = (r["std_err"] as! [NSNumber]).map(\.doubleValue)
        #expect(abs((table[0]["std_err"] as! Double) - surv[0] * se[0]) < 1e-12)
    }

    @Test func logrankJSONContract() throws {
        let out = try SurvivalLogRankCommand.parse(["--format", "json", "--group", "sex", "--rho", "1"] + lung).output()
        #expect(keys(out) == ["test", "rho", "chisq", "df", "p", "groups"])
        let j = try json(out)
        #expect(j["test"] as? String == "peto-peto")
        #expect(abs((j["chisq"] as! Double) - Self.refNumbers("dif_lung_sex_rho1", "chisq")[0]) < 1e-9)
        let groups = j["groups"] as! [[String: Any]]
        #expect(Set(groups[0].keys) == ["group", "n", "observed", "expected"])
        // stratified by two variables: runs and reports df
        let s = try json(try SurvivalLogRankCommand.parse(["--format", "json", "--group", "sex", "--strata", "ph.ecog"] + lung).output())
        #expect(abs((s["chisq"] as! Double) - Self.refNumbers("dif_lung_sex_strat_ecog", "chisq")[0]) < 1e-9)
    }

    @Test func coxJSONContractRobust() throws {
        let out = try SurvivalCoxCommand.parse(["--format", "json", "--covariates", "age,sex", "--robust"] + lung).output()
        #expect(keys(out) == ["n", "events", "n_dropped", "ties", "iterations", "converged", "loglik_null", "loglik",
                              "coefficients", "tests", "concordance"])
        let j = try json(out)
        let coefs = j["coefficients"] as! [[String: Any]]
        #expect(coefs.map { $0["term"] as! String } == ["age", "sex"])
        #expect(Set(coefs[0].keys) == ["term", "coef", "hr", "se", "robust_se", "z", "p", "hr_lower", "hr_upper"])
        let rse = Self.refNumbers("cox_lung_robust", "robust_se")
        let z = Self.refNumbers("cox_lung_robust", "z")
        for k in 0..<2 {
            #expect(abs((coefs[k]["robust_se"] as! Double) / rse[k] - 1) < 1e-6)
            #expect(abs((coefs[k]["z"] as! Double) / z[k] - 1) < 1e-6)
        }
        let tests = j["tests"] as! [String: [String: Any]]
        #expect(Set(tests.keys) == ["likelihood_ratio", "wald", "score"])
        #expect(abs((tests["wald"]!["chisq"] as! Double) / Self.refNumbers("cox_lung_robust", "wald")[0] - 1) < 1e-6)
        let c = j["concordance"] as! [String: Any]
        #expect(Set(c.keys) == ["c", "se"])
    }

    @Test func coxFactorsTextAndNumeric() throws {
        let vet = ["--input", Self.path("veteran.csv"), "--time", "time", "--event", "status"]
        let j = try json(try SurvivalCoxCommand.parse(["--format", "json", "--covariates", "trt,karno,celltype", "--ties", "breslow"] + vet).output())
        let terms = (j["coefficients"] as! [[String: Any]]).map { $0["term"] as! String }
        #expect(terms == ["trt", "karno", "celltype=large", "celltype=smallcell", "celltype=squamous"])
        let coef = (j["coefficients"] as! [[String: Any]]).map { $0["coef"] as! Double }
        for (a, b) in zip(coef, Self.refNumbers("cox_vet_breslow", "coef")) { #expect(abs(a / b - 1) < 1e-6) }
        let pbc = ["--input", Self.path("pbc.csv"), "--time", "time", "--event", "status", "--event-values", "2"]
        let k = try json(try SurvivalCoxCommand.parse(["--format", "json", "--covariates", "age,stage,sex", "--factor", "stage"] + pbc).output())
        #expect((k["coefficients"] as! [[String: Any]]).map { $0["term"] as! String } == ["age", "stage=2", "stage=3", "stage=4", "sex=m"])
        #expect(k["n_dropped"] as? Int == 0 && k["n"] as? Int == Int(Self.refNumbers("cox_pbc_factor_stage", "n")[0]))
        // rows with a missing covariate are dropped and counted (228 − 213 in R)
        let m = try json(try SurvivalCoxCommand.parse(["--format", "json", "--covariates", "age,sex,ph.ecog,wt.loss"] + lung).output())
        #expect(m["n_dropped"] as? Int == 15 && m["n"] as? Int == Int(Self.refNumbers("cox_lung_ecog", "n")[0]))
    }

    @Test func zphJSONContract() throws {
        let vet = ["--input", Self.path("veteran.csv"), "--time", "time", "--event", "status"]
        let out = try SurvivalZPHCommand.parse(["--format", "json", "--covariates", "trt,karno,celltype", "--transform", "km"] + vet).output()
        #expect(keys(out) == ["transform", "terms", "global"])
        let j = try json(out)
        let chisq = Self.refNumbers("zph_vet_km", "chisq")
        let terms = j["terms"] as! [[String: Any]]
        #expect(terms.map { $0["term"] as! String } == ["trt", "karno", "celltype"])
        for (k, t) in terms.enumerated() { #expect(abs((t["chisq"] as! Double) / chisq[k] - 1) < 1e-6) }
        #expect(abs(((j["global"] as! [String: Any])["chisq"] as! Double) / chisq[3] - 1) < 1e-6)
    }

    @Test func whereFilterAndMissingRows() throws {
        // lung has 1 row with missing ph.ecog; --where keeps sex = 2 (90 rows)
        let j = try json(try SurvivalKMCommand.parse(["--format", "json", "--where", "sex=2", "--group", "ph.ecog"] + lung).output())
        #expect(j["n_used"] as? Int == 90)
        #expect(j["n_dropped"] as? Int == 0)
        let all = try json(try SurvivalKMCommand.parse(["--format", "json", "--group", "ph.ecog"] + lung).output())
        #expect(all["n_used"] as? Int == 227 && all["n_dropped"] as? Int == 1)
        // default ADaM convention: CNSR 0 = event
        let cnsr = try json(try SurvivalKMCommand.parse(["--format", "json", "--input", Self.path("lung.csv"), "--time", "time",
                                                          "--censor", "status"]).output())
        #expect(((cnsr["strata"] as! [[String: Any]])[0]["events"] as? Double) == 0)
    }

    @Test func textLooksLikeR() throws {
        let out = try SurvivalLogRankCommand.parse(["--group", "sex"] + lung).output()
        #expect(out.contains("N Observed Expected (O-E)^2/E (O-E)^2/V"))
        #expect(out.contains("Chisq= 10.3  on 1 degrees of freedom"))
        let km = try SurvivalKMCommand.parse(["--group", "sex"] + lung).output()
        #expect(km.contains("sex=1 138    112    270     212     310"))
    }

    @Test func badInputIsReported() throws {
        #expect(throws: InputError.self) { try SurvivalKMCommand.parse(["--input", Self.path("lung.csv")]).output() }   // no AVAL
        #expect(throws: InputError.self) {
            try SurvivalKMCommand.parse(["--input", Self.path("veteran.csv"), "--time", "celltype", "--event", "status"]).output()
        }
        #expect(throws: InputError.self) { try SurvivalKMCommand.parse(["--input", "/nonexistent/x.csv"]).output() }
        #expect(throws: (any Error).self) { try SurvivalKMCommand.parse(["--conf-level", "1.5"] + lung) }
        #expect(throws: (any Error).self) { try SurvivalCoxCommand.parse(["--covariates", "age", "--factor", "sex"] + lung) }
        do {
            _ = try SurvivalKMCommand.parse(["--input", Self.path("veteran.csv"), "--time", "celltype", "--event", "status"]).output()
        } catch let e as InputError {
            #expect(e.description.contains("veteran.csv:2:2"))
            #expect(e.description.contains("squamous"))
        }
    }

    /// CSV input goes through DatasetIO's reader: a short row or an unclosed quote is an error at
    /// its line (and column), never padded or read past.
    @Test func malformedCSVIsAnErrorAtItsLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("td-surv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ragged = dir.appendingPathComponent("ragged.csv").path
        try Data("AVAL,CNSR,TRT\n10,0,A\n20,1\n30,0,B\n".utf8).write(to: URL(fileURLWithPath: ragged))
        #expect(throws: InputError(at: .text(file: ragged, line: 3, column: nil),
                                   "ragged row: 2 fields where the header has 3", expected: "3 fields")) {
            try SurvivalKMCommand.parse(["--input", ragged, "--group", "TRT"]).output()
        }
        let quote = dir.appendingPathComponent("quote.csv").path
        try Data("AVAL,CNSR,TRT\n10,0,\"A\n20,1,B\n".utf8).write(to: URL(fileURLWithPath: quote))
        do {
            _ = try SurvivalKMCommand.parse(["--input", quote, "--group", "TRT"]).output()
            Issue.record("an unclosed quote was accepted")
        } catch let e as InputError {
            #expect(e.diagnostics.first?.location == .text(file: quote, line: 2, column: 6))
            #expect(e.diagnostics.first?.message.hasPrefix("unbalanced quote") == true)
        }
    }
}
