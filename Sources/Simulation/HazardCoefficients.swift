import Foundation

/// Log hazard ratios of a proportional-hazards model on the simulator's covariates.
///
/// The linear predictor is η = groupI·1[Group I] + ecog·ECOG + extrahepaticCount·(number of
/// extrahepatic sites) + rasMutant·1[RAS mutant] + logCEA·ln(CEA in ng/mL), with uncentred
/// covariates; exp(coefficient) is the hazard ratio per unit.
public struct HazardCoefficients: Sendable, Hashable, Codable {
    /// Log-HR of Group I vs Group II (the conditional treatment effect).
    public var groupI: Double
    /// Log-HR per ECOG point (0–2).
    public var ecog: Double
    /// Log-HR per extrahepatic metastatic site (1–3).
    public var extrahepaticCount: Double
    /// Log-HR of RAS mutant vs wild type.
    public var rasMutant: Double
    /// Log-HR per unit of ln(CEA ng/mL).
    public var logCEA: Double

    /// Creates coefficients.
    public init(groupI: Double, ecog: Double, extrahepaticCount: Double, rasMutant: Double, logCEA: Double) {
        self.groupI = groupI
        self.ecog = ecog
        self.extrahepaticCount = extrahepaticCount
        self.rasMutant = rasMutant
        self.logCEA = logCEA
    }

    /// η for one subject's true covariates.
    public func linearPredictor(groupI g: Bool, ecog e: Int, extrahepaticCount x: Int, rasMutant r: Bool,
                                cea: Double) -> Double {
        (g ? groupI : 0) + ecog * Double(e) + extrahepaticCount * Double(x) + (r ? rasMutant : 0)
            + logCEA * log(cea)
    }
}
