import Foundation
import ArgumentParser

/// Options every `trialdata survival` subcommand shares: the input, the outcome and row filters.
///
/// ```
/// trialdata survival km --input adtte.csv --where PARAMCD=OS --time AVAL --censor CNSR
/// ```
struct SurvivalInputOptions: ParsableArguments {
    @Option(name: .long, help: "Input dataset (.csv; .xpt and Dataset-JSON .json via DatasetIO).")
    var input: String

    @Option(name: .long, help: "Time variable (analysis value).")
    var time: String = "AVAL"

    @Option(name: .long, help: "Censoring variable: 0 means an event, anything else a censoring (ADaM CNSR).")
    var censor: String = "CNSR"

    @Option(name: .long, help: "Event variable instead of --censor: a row is an event when its value is in --event-values.")
    var event: String?

    @Option(name: .customLong("event-values"), help: "Comma-separated values of --event that mean an event.")
    var eventValues: String = "1"

    @Option(name: .customLong("where"), help: "Keep rows with VAR=VALUE (repeatable; all must hold), e.g. PARAMCD=OS.")
    var filters: [String] = []

    @Option(name: .long, help: "Output format: text (laid out like R's print methods) or json.")
    var format: SurvivalOutputFormat = .text

    /// The `--where` filters split into (variable, value).
    func parsedFilters() throws -> [(variable: String, value: String)] {
        try filters.map { f in
            guard let eq = f.firstIndex(of: "="), eq != f.startIndex else {
                throw ValidationError("--where \(f): expected VAR=VALUE")
            }
            return (String(f[..<eq]), String(f[f.index(after: eq)...]))
        }
    }

    /// The outcome variable name.
    var outcomeVariable: String { event ?? censor }
}

/// `--format` values.
enum SurvivalOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Splits "A,B, C" into ["A", "B", "C"].
func splitList(_ s: String?) -> [String] {
    guard let s else { return [] }
    return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
