import Foundation

/// Allocation by willingness: a logistic model for the probability that a patient chooses
/// Group I (radical local treatment), depending on prognosis.
///
/// logit P(Group I) = intercept + ecog·ECOG + extrahepaticCount·(sites − 1)
///   + agePer10Years·(age − 60)/10 + logLiverCount·ln(liver metastases) + logCEA·(ln CEA − 3)
///   + bilobar·1[bilobar]. Negative coefficients: sicker patients choose Group I less often.
public struct AllocationModel: Sendable, Hashable, Codable {
    /// Intercept on the logit scale.
    public var intercept: Double
    /// Per ECOG point.
    public var ecog: Double
    /// Per extrahepatic site beyond the first.
    public var extrahepaticCount: Double
    /// Per 10 years of age above 60.
    public var agePer10Years: Double
    /// Per unit of ln(number of liver metastases).
    public var logLiverCount: Double
    /// Per unit of ln(CEA ng/mL) above 3.
    public var logCEA: Double
    /// Bilobar liver disease.
    public var bilobar: Double

    /// Creates an allocation model.
    public init(intercept: Double, ecog: Double, extrahepaticCount: Double, agePer10Years: Double,
                logLiverCount: Double, logCEA: Double, bilobar: Double) {
        self.intercept = intercept
        self.ecog = ecog
        self.extrahepaticCount = extrahepaticCount
        self.agePer10Years = agePer10Years
        self.logLiverCount = logLiverCount
        self.logCEA = logCEA
        self.bilobar = bilobar
    }

    /// P(Group I) for one subject's true covariates (age in years, CEA in ng/mL).
    public func probabilityGroupI(ecog e: Int, extrahepaticCount x: Int, age: Double, liverCount: Int,
                                  cea: Double, bilobar b: Bool) -> Double {
        let z = intercept + ecog * Double(e) + extrahepaticCount * Double(x - 1) + agePer10Years * (age - 60) / 10
            + logLiverCount * log(Double(max(liverCount, 1))) + logCEA * (log(cea) - 3) + (b ? bilobar : 0)
        return 1 / (1 + exp(-z))
    }
}
