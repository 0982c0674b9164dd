import Foundation

extension Results {
    /// The canonical `results.json` bytes: pretty-printed, keys sorted, so the same results give
    /// the same bytes.
    public func jsonData() throws(AnalysisError) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do { return try e.encode(self) } catch {
            throw .survival(context: "results.json", message: "cannot encode: \(error)")
        }
    }

    /// Decodes `results.json`.
    public static func decode(_ data: Data, file: String) throws(AnalysisError) -> Results {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do { return try d.decode(Results.self, from: data) } catch {
            throw .badPlan(file: file, message: "not a results.json: \(AnalysisPlan.describe(error))")
        }
    }
}
