import Foundation
import TrialCore

/// Study-specific settings of the rules, loadable from YAML (`specs/validation.yaml`):
/// ```yaml
/// questionnaireRanges:        # QSSTRESN range per QSTESTCD (inclusive)
///   QLQ01: [1, 4]
///   QLQ29: [1, 7]
/// deathIsNotAfterForDomains: [DS]
/// ```
/// Numbers are in the units of the result variable (QSSTRESN: points of the item's scale).
public struct ValidationConfiguration: Sendable, Hashable, Codable {
    /// Allowed QSSTRESN range per QSTESTCD, inclusive. Overrides the spec's QSSTRESN range.
    public var questionnaireRanges: [String: ClosedRange<Double>]
    /// Domains whose dates may legitimately follow the death date (e.g. `DS`, where the
    /// death itself is recorded) and are not checked by the "date after death" rule.
    public var deathIsNotAfterForDomains: [String]

    /// Creates a configuration.
    public init(questionnaireRanges: [String: ClosedRange<Double>] = [:],
                deathIsNotAfterForDomains: [String] = ["DS"]) {
        self.questionnaireRanges = questionnaireRanges
        self.deathIsNotAfterForDomains = deathIsNotAfterForDomains
    }

    enum CodingKeys: String, CodingKey { case questionnaireRanges, deathIsNotAfterForDomains }

    /// Decodes a configuration; both keys are optional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let pairs = try c.decodeIfPresent([String: [Double]].self, forKey: .questionnaireRanges) ?? [:]
        var ranges: [String: ClosedRange<Double>] = [:]
        for (k, v) in pairs {
            guard v.count == 2, v[0] <= v[1] else {
                throw DecodingError.dataCorruptedError(forKey: .questionnaireRanges, in: c,
                    debugDescription: "range of \(k) must be [low, high] with low ≤ high, got \(v)")
            }
            ranges[k.uppercased()] = v[0]...v[1]
        }
        questionnaireRanges = ranges
        deathIsNotAfterForDomains = try c.decodeIfPresent([String].self, forKey: .deathIsNotAfterForDomains) ?? ["DS"]
    }

    /// Encodes ranges as `[low, high]` pairs.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(questionnaireRanges.mapValues { [$0.lowerBound, $0.upperBound] }, forKey: .questionnaireRanges)
        try c.encode(deathIsNotAfterForDomains, forKey: .deathIsNotAfterForDomains)
    }

    /// The settings of a specs folder: `root/validation.yaml` when it exists, else the defaults.
    /// Call: `Validator(configuration: try .load(specsFolder: "specs"))`.
    public static func load(specsFolder root: String) throws(InputError) -> ValidationConfiguration {
        let file = root + "/validation.yaml"
        guard FileManager.default.fileExists(atPath: file) else { return ValidationConfiguration() }
        return try load(file: file)
    }

    /// Loads a configuration YAML file; a malformed file is an error naming it.
    public static func load(file: String) throws(InputError) -> ValidationConfiguration {
        try SpecLibrary.decode(ValidationConfiguration.self, file: file)
    }
}
