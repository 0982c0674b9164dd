import Foundation
import TrialCore

/// Everything the ADaM derivations need to know about a study, read from its mapping folder
/// (`mappings/<study>/`): `adsl.yaml` (`ADSLConfig`), `endpoints.yaml` (`parameters:`, a list
/// of `TimeToEventParameter`) and `adam.yaml` (data cut-off, analysis visit windows, `adqs:`,
/// `adae:`).
///
/// ```yaml
/// # adam.yaml
/// cutoff: 2026-06-30        # optional; imputed dates are never after it
/// visits: {every: 3, through: 24, halfWidth: 14, tieRule: closest}
/// adqs: {…}                 # ADQSConfig
/// adae: {…}                 # ADAEConfig
/// ```
public struct ADaMConfig: Sendable, Hashable {
    /// ADSL configuration.
    public var adsl: ADSLConfig
    /// ADTTE parameters in output order.
    public var parameters: [TimeToEventParameter]
    /// ADQS configuration.
    public var adqs: ADQSConfig
    /// ADAE configuration.
    public var adae: ADAEConfig
    /// Analysis visit windows.
    public var visits: VisitWindows
    /// Data cut-off date, if any.
    public var cutoff: CalendarDate?

    /// Creates a configuration.
    public init(adsl: ADSLConfig, parameters: [TimeToEventParameter], adqs: ADQSConfig = ADQSConfig(),
                adae: ADAEConfig = ADAEConfig(), visits: VisitWindows = .monthly(), cutoff: CalendarDate? = nil) {
        self.adsl = adsl
        self.parameters = parameters
        self.adqs = adqs
        self.adae = adae
        self.visits = visits
        self.cutoff = cutoff
    }

    struct EndpointsFile: Codable { var parameters: [TimeToEventParameter] }

    struct StudyFile: Codable {
        var cutoff: String?
        var visits: VisitWindows?
        var adqs: ADQSConfig?
        var adae: ADAEConfig?
    }

    /// Loads `adsl.yaml`, `endpoints.yaml` and (optional) `adam.yaml` from `directory`.
    /// A missing or malformed file, overlapping windows, a malformed cut-off date or a
    /// parameter without events is an error naming the file.
    public static func load(mappingDirectory directory: String) throws(InputError) -> ADaMConfig {
        let adslFile = directory + "/adsl.yaml"
        let endpointsFile = directory + "/endpoints.yaml"
        let adamFile = directory + "/adam.yaml"
        let adsl = try SpecLibrary.decode(ADSLConfig.self, file: adslFile)
        let endpoints = try SpecLibrary.decode(EndpointsFile.self, file: endpointsFile)
        var study = StudyFile()
        if FileManager.default.fileExists(atPath: adamFile) {
            study = try SpecLibrary.decode(StudyFile.self, file: adamFile)
        }
        var cutoff: CalendarDate? = nil
        if let text = study.cutoff {
            guard let d = (try? PartialDateTime.parseISO8601(text))?.date else {
                throw InputError(at: .file(adamFile), "cut-off date is not a complete ISO 8601 date", value: text, expected: "YYYY-MM-DD")
            }
            cutoff = d
        }
        let config = ADaMConfig(adsl: adsl, parameters: endpoints.parameters, adqs: study.adqs ?? ADQSConfig(),
                                adae: study.adae ?? ADAEConfig(), visits: study.visits ?? .monthly(), cutoff: cutoff)
        if let problem = config.visits.validate() {
            throw InputError(at: .file(adamFile), problem, expected: "non-overlapping analysis visit windows")
        }
        for p in config.parameters {
            if p.events.isEmpty {
                throw InputError(at: .file(endpointsFile), "parameter \(p.paramcd) declares no event source", expected: "at least one entry under events:")
            }
            if p.paramcd.count > 8 || p.paramcd.first?.isLetter != true
                || !p.paramcd.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }) {
                throw InputError(at: .file(endpointsFile), "invalid PARAMCD", value: p.paramcd,
                                 expected: "≤ 8 characters A–Z 0–9 _ starting with a letter")
            }
        }
        return config
    }
}
