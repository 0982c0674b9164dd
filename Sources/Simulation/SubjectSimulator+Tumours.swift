import Foundation
import StudyModel
import TrialCore

extension SubjectSimulator {
    /// RECIST 1.1 response of one scope from its target sums.
    ///
    /// PD: a new lesion, or sum ≥ 1.2 × nadir and ≥ nadir + 5 mm; CR (or NED after radical
    /// local treatment): all targets 0 mm and no non-target left; PR: sum ≤ 0.7 × baseline sum;
    /// else SD.
    static func recist(baseline: Double, nadir: Double, current: Double, newLesion: Bool,
                       nonTargetPresent: Bool, hasTargets: Bool, zeroIsNED: Bool) -> Response {
        if newLesion { return .pd }
        guard hasTargets else { return .sd }
        if current >= 1.2 * nadir && current - nadir >= 5 { return .pd }
        if current == 0 && !nonTargetPresent { return zeroIsNED ? .ned : .cr }
        if current <= 0.7 * baseline { return .pr }
        return .sd
    }

    /// Lesions at every assessment and the investigator responses at follow-up assessments.
    ///
    /// Liver targets shrink towards a subject-level nadir under systemic therapy and are 0 mm
    /// after resection or ablation; at the assessment that detects liver progression one or
    /// two new liver lesions appear (so that assessment is intrahepatic PD) and the disease
    /// grows afterwards. Extrahepatic disease behaves the same way around its own progression.
    mutating func simulateTumours(assessments: [Assessment], liverPD: Int?, extraPD: Int?, radicalDay: Int?,
                                  hadTACE: Bool) -> ([LesionMeasurement], [ResponseAssessment]) {
        // Baseline lesions (RECIST: at most 2 targets per organ).
        var tracked: [TrackedLesion] = []
        var t = 0, nt = 0
        func nextT() -> String { t += 1; return String(format: "T%02d", t) }
        func nextNT() -> String { nt += 1; return String(format: "NT%02d", nt) }
        let rightSegments = [5, 6, 7, 8], leftSegments = [2, 3, 4]
        let firstRight = rng.bernoulli(0.7)
        let liverTargets = min(2, latent.liverCount)
        for k in 0..<liverTargets {
            let size = k == 0 ? latent.largestMM : max(10, (latent.largestMM * (0.35 + 0.5 * rng.uniform())).rounded())
            let right = latent.bilobar ? (k == 0) : firstRight
            tracked.append(TrackedLesion(id: nextT(), organ: .liver, segment: rng.choose(right ? rightSegments : leftSegments),
                                         category: .target, baselineMM: size))
        }
        for _ in 0..<min(3, latent.liverCount - liverTargets) {
            tracked.append(TrackedLesion(id: nextNT(), organ: .liver, segment: rng.int(in: 1...8), category: .nonTarget, baselineMM: nil))
        }
        for site in latent.extrahepaticSites {
            switch site {
            case .lung where rng.bernoulli(0.75):
                tracked.append(TrackedLesion(id: nextT(), organ: .lung, segment: nil, category: .target,
                                             baselineMM: Double(rng.int(in: 10...30))))
            case .distantLymphNodes where rng.bernoulli(0.6):
                tracked.append(TrackedLesion(id: nextT(), organ: .lymphNode, segment: nil, category: .target,
                                             baselineMM: Double(rng.int(in: 15...35))))
            default:
                let organ: LesionOrgan = site == .lung ? .lung : site == .peritoneum ? .peritoneum
                    : site == .distantLymphNodes ? .lymphNode : site == .bone ? .bone : .other
                tracked.append(TrackedLesion(id: nextNT(), organ: organ, segment: nil, category: .nonTarget, baselineMM: nil))
            }
        }
        // Sort so targets come first, then non-targets, in id order.
        tracked.sort { ($0.category == .target ? 0 : 1, $0.id) < ($1.category == .target ? 0 : 1, $1.id) }

        let liverNadirFactor = min(1.05, max(hadTACE ? 0.30 : 0.35, rng.normal(mean: hadTACE ? 0.60 : 0.70, sd: 0.18)))
        let extraNadirFactor = min(1.05, max(0.40, rng.normal(mean: 0.85, sd: 0.18)))
        func shrink(_ factor: Double, _ day: Int) -> Double { 1 - (1 - factor) * min(1, Double(day) / 150) }

        // New lesions appear at progression and stay.
        var newLesions: [(lesion: TrackedLesion, size: Double, from: Int)] = []
        var n = 0
        func nextNew() -> String { n += 1; return String(format: "NEW%02d", n) }

        var lesions: [LesionMeasurement] = []
        var responses: [ResponseAssessment] = []
        var liverBase = 0.0, extraBase = 0.0, allBase = 0.0
        var liverNadir = Double.infinity, extraNadir = Double.infinity, allNadir = Double.infinity
        var liverAtPD = 1.0, extraAtPD = 1.0

        for (i, a) in assessments.enumerated() {
            let resected = radicalDay.map { a.day > $0 } ?? false
            // Growth multipliers.
            var liverMult = shrink(liverNadirFactor, a.day)
            if let p = liverPD {
                if i == p { liverAtPD = shrink(liverNadirFactor, a.day) }
                if i >= p { liverMult = liverAtPD * (1.25 + 0.12 * Double(i - p)) }
            }
            var extraMult = shrink(extraNadirFactor, a.day)
            if let p = extraPD {
                if i == p { extraAtPD = shrink(extraNadirFactor, a.day) }
                if i >= p { extraMult = extraAtPD * (1.2 + 0.1 * Double(i - p)) }
            }
            if i == liverPD {
                for _ in 0..<(1 + (rng.bernoulli(0.4) ? 1 : 0)) {
                    newLesions.append((TrackedLesion(id: nextNew(), organ: .liver, segment: rng.int(in: 1...8), category: .new,
                                                     baselineMM: nil), Double(rng.int(in: 8...22)), i))
                }
            }
            if i == extraPD {
                let organ: LesionOrgan = latent.extrahepaticSites.contains(.lung) && rng.bernoulli(0.6) ? .lung
                    : rng.choose([.lung, .bone, .peritoneum, .lymphNode])
                newLesions.append((TrackedLesion(id: nextNew(), organ: organ, segment: nil, category: .new, baselineMM: nil),
                                   Double(rng.int(in: 8...20)), i))
            }
            var liverSum = 0.0, extraSum = 0.0
            var liverNT = false, extraNT = false, liverNew = false, extraNew = false
            var hasLiverTargets = false, hasExtraTargets = false
            func record(_ l: TrackedLesion, _ size: Double?) {
                lesions.append(LesionMeasurement(subjectID: subjectID, visit: a.visit, date: full(a.day), method: a.method,
                                                 lesionID: l.id, organ: l.organ, liverSegment: l.segment,
                                                 category: l.category, diameterMM: size))
            }
            for l in tracked {
                if l.isLiver {
                    if l.category == .target {
                        let size = i == 0 ? l.baselineMM! : resected ? 0 : (l.baselineMM! * liverMult * (1 + 0.02 * max(-2, min(2, rng.normal())))).rounded()
                        liverSum += size; hasLiverTargets = true
                        record(l, size)
                    } else if i == 0 || !resected {
                        liverNT = true
                        record(l, nil)
                    }
                } else if !a.extrahepaticNotEvaluable {
                    if l.category == .target {
                        let size = i == 0 ? l.baselineMM! : (l.baselineMM! * extraMult * (1 + 0.02 * max(-2, min(2, rng.normal())))).rounded()
                        extraSum += size; hasExtraTargets = true
                        record(l, size)
                    } else {
                        extraNT = true
                        record(l, nil)
                    }
                }
            }
            for (l, size, from) in newLesions where l.isLiver || !a.extrahepaticNotEvaluable {
                let grown = (size * pow(1.2, Double(i - from))).rounded()
                if l.isLiver { liverNew = true } else { extraNew = true }
                record(l, grown)
            }
            if i == 0 {
                liverBase = liverSum; extraBase = extraSum; allBase = liverSum + extraSum
                liverNadir = liverSum; extraNadir = extraSum; allNadir = allBase
                continue
            }
            let intra = Self.recist(baseline: liverBase, nadir: liverNadir, current: liverSum, newLesion: liverNew,
                                    nonTargetPresent: liverNT, hasTargets: hasLiverTargets, zeroIsNED: resected)
            let extra: Response = a.extrahepaticNotEvaluable ? (extraNew ? .pd : .ne)
                : Self.recist(baseline: extraBase, nadir: extraNadir, current: extraSum, newLesion: extraNew,
                              nonTargetPresent: extraNT, hasTargets: hasExtraTargets, zeroIsNED: false)
            let overall: Response
            if intra == .pd || extra == .pd { overall = .pd }
            else if extra == .ne { overall = .ne }
            else {
                overall = Self.recist(baseline: allBase, nadir: allNadir, current: liverSum + extraSum, newLesion: false,
                                      nonTargetPresent: liverNT || extraNT, hasTargets: true, zeroIsNED: false)
            }
            responses.append(ResponseAssessment(subjectID: subjectID, visit: a.visit, date: full(a.day),
                                                intrahepatic: intra, extrahepatic: extra, overall: overall))
            liverNadir = min(liverNadir, liverSum)
            if !a.extrahepaticNotEvaluable {
                extraNadir = min(extraNadir, extraSum)
                allNadir = min(allNadir, liverSum + extraSum)
            }
        }
        return (lesions, responses)
    }
}
