import Foundation
import StudyModel
import TrialCore

extension SubjectSimulator {
    /// Scale of each QLQ-C30 item 1…28 (index 0 = item 1): 0 PF, 1 RF, 2 EF, 3 CF, 4 SF, 5 FA,
    /// 6 NV, 7 PA, 8 DY, 9 SL, 10 AP, 11 CO, 12 DI, 13 FI (EORTC scoring manual groupings).
    static let itemScale: [Int] = [0, 0, 0, 0, 0, 1, 1, 8, 7, 5, 9, 5, 10, 6, 6, 11, 12, 5, 7, 3, 2, 2, 2, 2, 3, 4, 4, 13]

    /// QLQ-C30 at every done scheduled visit.
    ///
    /// Latent quality of life q(t) = q₀ − 1.6·max(0, 1 − (T_death − t)/240) − 0.5·[within 75 days
    /// after resection/ablation] − 0.3·[after liver progression] + N(0, 0.25²), with
    /// q₀ ~ N(−0.35·ECOG − 0.15·(extrahepatic sites − 1), 0.6²). Items 1–28 (higher = worse):
    /// y = −q − 0.35 + δ_scale + N(0, 0.55²) cut at 0, 0.9, 1.7 into 1–4, where δ_scale ~ N(0, 0.45²)
    /// is shared by the items of one scale at one visit (so items correlate within scales and,
    /// through q, across scales). Items 29–30: round(4.9 + 1.2·(q + δ + N(0, 0.5²))) in 1–7.
    /// Forms are missing in ~12% (more near death) and single items in 1.5%.
    mutating func simulateQuestionnaires(plan: [PlannedVisit], tDeath: Double, radicalDay: Int?,
                                         liverPDDay: Int?) -> [QLQC30Response] {
        let q0 = rng.normal(mean: -0.35 * Double(latent.ecog) - 0.15 * Double(latent.extrahepaticSites.count - 1), sd: 0.6)
        var out: [QLQC30Response] = []
        for p in plan where p.done {
            guard case .scheduled = p.visit else { continue }
            let t = Double(p.day)
            let nearDeath = tDeath - t < 120
            let pDone = p.day == 0 ? 0.95 : nearDeath ? 0.65 : 0.88
            guard rng.bernoulli(pDone) else {
                let reason = rng.choose(["PATIENT REFUSED", "PATIENT TOO ILL", "FORM NOT ADMINISTERED"],
                                        weights: nearDeath ? [0.2, 0.7, 0.1] : [0.5, 0.2, 0.3])
                out.append(QLQC30Response(subjectID: subjectID, visit: p.visit, date: full(p.day), done: false,
                                          reasonNotDone: reason, items: Array(repeating: nil, count: QLQC30Response.itemCount)))
                continue
            }
            var q = q0 - 1.6 * max(0, 1 - (tDeath - t) / 240) + rng.normal(mean: 0, sd: 0.25)
            if let r = radicalDay, p.day > r, p.day - r <= 75 { q -= 0.5 }
            if let l = liverPDDay, p.day >= l { q -= 0.3 }
            let delta = (0..<15).map { _ in rng.normal(mean: 0, sd: 0.45) }
            var items: [Int?] = []
            items.reserveCapacity(30)
            for j in 0..<28 {
                let y = -q - 0.35 + delta[Self.itemScale[j]] + rng.normal(mean: 0, sd: 0.55)
                let score = y < 0 ? 1 : y < 0.9 ? 2 : y < 1.7 ? 3 : 4
                items.append(rng.bernoulli(0.015) ? nil : score)
            }
            for _ in 0..<2 {
                let y = q + delta[14] + rng.normal(mean: 0, sd: 0.5)
                let score = min(7, max(1, Int((4.9 + 1.2 * y).rounded())))
                items.append(rng.bernoulli(0.015) ? nil : score)
            }
            out.append(QLQC30Response(subjectID: subjectID, visit: p.visit, date: full(p.day), done: true, items: items))
        }
        return out
    }
}
