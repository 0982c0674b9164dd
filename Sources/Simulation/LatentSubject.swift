import Foundation
import StudyModel
import TrialCore

/// One simulated patient's true baseline covariates and latent event times, before any
/// record is written. Times are days from inclusion.
struct LatentSubject: Sendable {
    // Identity and calendar.
    var siteNumber: Int
    var inclusionDay: Int           // days after the accrual start
    var age: Double
    var sex: Sex
    // Prognosis.
    var ecog: Int
    var primarySite: PrimarySite
    var primaryResected: Bool?
    var timing: MetastasisTiming
    var ras: MutationStatus
    var rasTrueMutant: Bool
    var braf: MutationStatus
    var msi: MSIStatus
    var cea: Double
    var ceaRecorded: Bool
    var liverCount: Int
    var largestMM: Double
    var bilobar: Bool
    var extrahepaticSites: [ExtrahepaticSite]
    // Allocation.
    var probabilityGroupI: Double
    var groupI: Bool
    // Normal scores of the three latent times (Gaussian copula) and the dropout draw.
    var deathScore: Double
    var liverScore: Double
    var extrahepaticScore: Double
    var dropoutDays: Double

    /// Draws covariates, allocation and latent scores from `rng` (site and inclusion day are
    /// filled by the enrolment plan).
    static func draw(_ rng: inout Xoshiro256StarStar, config: SimulationConfig) -> LatentSubject {
        let sex: Sex = rng.bernoulli(0.6) ? .male : .female
        let age = min(86, max(27, rng.normal(mean: 61, sd: 10.5)))
        let frailty = 0.35 * (age - 61) / 10 + rng.normal()
        let ecog = frailty < 0.05 ? 0 : frailty < 1.35 ? 1 : 2
        let primary: PrimarySite = rng.choose([.rightColon, .leftColon, .rectum], weights: [0.27, 0.38, 0.35])
        let right = primary == .rightColon
        let rasMutant = rng.bernoulli(right ? 0.55 : 0.42)
        let brafMutant = !rasMutant && rng.bernoulli(right ? 0.18 : 0.05)
        let ras: MutationStatus = rng.bernoulli(0.04) ? .unknown : (rasMutant ? .mutant : .wildType)
        let braf: MutationStatus = rng.bernoulli(0.08) ? .unknown : (brafMutant ? .mutant : .wildType)
        let msiHigh = rng.bernoulli(brafMutant ? 0.25 : 0.02)
        let msi: MSIStatus = rng.bernoulli(0.10) ? .unknown : (msiHigh ? .msiHigh : .stable)
        let synchronous = rng.bernoulli(0.6)
        let resected: Bool? = rng.bernoulli(0.02) ? nil : rng.bernoulli(synchronous ? 0.55 : 0.97)
        // Tumour burden drives liver count, size, CEA and extrahepatic spread.
        let burden = rng.normal()
        let liverCount = min(25, 1 + rng.poisson(exp(0.85 + 0.55 * burden)))
        let largest = min(160, max(10, (exp(log(32) + 0.45 * burden + 0.35 * rng.normal())).rounded()))
        let bilobar = liverCount >= 2 && rng.bernoulli(min(0.85, 0.25 + 0.08 * Double(liverCount - 2)))
        let cea = min(5000, max(0.5, (exp(log(18) + 0.6 * burden + 0.2 * Double(ecog) + 1.1 * rng.normal()) * 10).rounded() / 10))
        let spread = 0.5 * burden + rng.normal()
        let extraCount = spread < 0.35 ? 1 : spread < 1.35 ? 2 : 3
        var pool: [(ExtrahepaticSite, Double)] = [(.lung, 0.45), (.distantLymphNodes, 0.22), (.peritoneum, 0.18),
                                                  (.bone, 0.07), (.adrenal, 0.04), (.brain, 0.02), (.other, 0.02)]
        var sites: [ExtrahepaticSite] = []
        for _ in 0..<extraCount {
            let i = rng.categorical(pool.map(\.1))
            sites.append(pool[i].0)
            pool.remove(at: i)
        }
        let order = ExtrahepaticSite.allCases
        sites.sort { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
        let p = config.allocation.probabilityGroupI(ecog: ecog, extrahepaticCount: extraCount, age: age,
                                                    liverCount: liverCount, cea: cea, bilobar: bilobar)
        let groupI = rng.bernoulli(p)
        let (n0, n1, n2) = (rng.normal(), rng.normal(), rng.normal())
        let c = config.eventTimeCorrelation.cholesky()
        let dropout = rng.exponential() / config.dropoutPerYear * 365.25
        return LatentSubject(
            siteNumber: 0, inclusionDay: 0, age: age, sex: sex, ecog: ecog, primarySite: primary,
            primaryResected: resected, timing: synchronous ? .synchronous : .metachronous, ras: ras,
            rasTrueMutant: rasMutant, braf: braf, msi: msi, cea: cea, ceaRecorded: rng.bernoulli(0.96),
            liverCount: liverCount, largestMM: largest, bilobar: bilobar, extrahepaticSites: sites,
            probabilityGroupI: p, groupI: groupI,
            deathScore: n0, liverScore: c.l10 * n0 + c.l11 * n1,
            extrahepaticScore: c.l20 * n0 + c.l21 * n1 + c.l22 * n2, dropoutDays: dropout)
    }

    /// Linear predictor of `model` for this subject, with the group set to `groupI`.
    func linearPredictor(_ model: WeibullPHModel, groupI g: Bool) -> Double {
        model.coefficients.linearPredictor(groupI: g, ecog: ecog, extrahepaticCount: extrahepaticSites.count,
                                           rasMutant: rasTrueMutant, cea: cea)
    }

    /// Latent time of `model` from normal score `score` under group `g` (U = Φ(score)).
    func latentTime(_ model: WeibullPHModel, score: Double, groupI g: Bool) -> Double {
        model.time(survivalProbability: StandardNormal.cdf(score), linearPredictor: linearPredictor(model, groupI: g))
    }
}

/// The standard normal distribution function.
enum StandardNormal {
    /// Φ(x) = erfc(−x/√2)/2, clamped inside (0, 1).
    static func cdf(_ x: Double) -> Double {
        min(1 - 1e-16, max(1e-300, 0.5 * erfc(-x / 2.0.squareRoot())))
    }
}
