/// Correlation of the three latent event times of one subject (death, liver progression,
/// extrahepatic progression) through a Gaussian copula.
///
/// Each time keeps its own Weibull PH marginal given the covariates; only the dependence
/// between them is set here (correlations of the underlying normal scores).
public struct EventTimeCorrelation: Sendable, Hashable, Codable {
    /// Correlation of the normal scores of death and liver progression.
    public var deathLiver: Double
    /// Correlation of death and extrahepatic progression.
    public var deathExtrahepatic: Double
    /// Correlation of liver and extrahepatic progression.
    public var liverExtrahepatic: Double

    /// Creates a correlation structure (must form a positive-definite 3×3 matrix).
    public init(deathLiver: Double, deathExtrahepatic: Double, liverExtrahepatic: Double) {
        self.deathLiver = deathLiver
        self.deathExtrahepatic = deathExtrahepatic
        self.liverExtrahepatic = liverExtrahepatic
    }

    /// Lower Cholesky factor rows of the correlation matrix (death, liver, extrahepatic).
    func cholesky() -> (l10: Double, l11: Double, l20: Double, l21: Double, l22: Double) {
        let l10 = deathLiver
        let l11 = (1 - l10 * l10).squareRoot()
        let l20 = deathExtrahepatic
        let l21 = (liverExtrahepatic - l20 * l10) / l11
        let l22 = (1 - l20 * l20 - l21 * l21).squareRoot()
        return (l10, l11, l20, l21, l22)
    }
}
