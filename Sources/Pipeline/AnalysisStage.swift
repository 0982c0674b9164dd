import Foundation
import TrialCore
import DatasetIO
import Analysis

/// The analysis stage alone on ADaM files (`trialdata report --adam DIR --plan FILE`): finds
/// ADSL, ADTTE and optionally ADAE and ADQS in `DIR` (any of .xpt, .json, .csv) and runs the plan.
public enum AnalysisStage {
    /// Reads the datasets and runs `TrialAnalysis`.
    public static func run(adamDirectory: String, planPath: String) throws(PipelineError) -> Results {
        let plan: AnalysisPlan
        do { plan = try AnalysisPlan.load(path: planPath) } catch { throw .analysis(error.description) }
        func find(_ name: String, required: Bool) throws(PipelineError) -> Dataset? {
            for ext in ["xpt", "json", "csv"] {
                for base in [name.lowercased(), name] {
                    let path = (adamDirectory as NSString).appendingPathComponent("\(base).\(ext)")
                    if FileManager.default.fileExists(atPath: path) {
                        do { return try DatasetFile.read(path: path) } catch { throw .badInput(stage: "report", error) }
                    }
                }
            }
            if required {
                throw .badInput(stage: "report", InputError(at: .file(adamDirectory), "dataset \(name) not found",
                                                            expected: "\(name.lowercased()).xpt, .json or .csv in the folder"))
            }
            return nil
        }
        let adsl = try find("ADSL", required: true)!
        let adtte = try find("ADTTE", required: true)!
        let adae = plan.adae == nil ? nil : try find("ADAE", required: false)
        let adqs = plan.adqs == nil ? nil : try find("ADQS", required: false)
        do { return try TrialAnalysis.run(plan: plan, adsl: adsl, adtte: adtte, adae: adae, adqs: adqs) }
        catch { throw .analysis(error.description) }
    }
}
