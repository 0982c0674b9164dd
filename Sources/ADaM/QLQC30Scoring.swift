/// EORTC QLQ-C30 version 3.0 scoring (Scoring Manual, 3rd ed., Fayers et al. 2001) and the
/// summary score (Giesinger et al. 2016).
///
/// Items 1–28 are scored 1–4, items 29–30 are scored 1–7. For a scale of items I₁…Iₙ:
/// - raw score RS = mean of the answered items;
/// - functional scales: S = (1 − (RS − 1) / range) × 100;
/// - symptom scales and single items: S = ((RS − 1) / range) × 100;
/// - global health status (QL2): S = ((RS − 1) / range) × 100 with range 6.
/// Half-items rule: the scale is scored when at least half of its items are answered
/// (n_answered × 2 ≥ n), else it is missing; a single-item scale needs its item.
/// C30SUM = mean(PF2, RF2, EF, CF, SF, 100 − FA, 100 − NV, 100 − PA, 100 − DY, 100 − SL,
/// 100 − AP, 100 − CO, 100 − DI), only when all 13 are present (QL2 and FI excluded).
public enum QLQC30Scoring {
    /// The kind of scale, which fixes the linear transformation.
    public enum ScaleType: String, Sendable, Hashable, CaseIterable {
        /// Global health status / QoL (items 29–30, range 6).
        case global = "Global Health Status"
        /// Functional scale: higher is better.
        case functional = "Functional Scales"
        /// Symptom scale or single item: higher is worse.
        case symptom = "Symptom Scales"
    }

    /// One scale: code (PARAMCD), label, items, type and range (max − min item response).
    public struct Scale: Sendable, Hashable {
        /// PARAMCD, e.g. `PF2`.
        public let code: String
        /// PARAM, e.g. `Physical functioning (revised)`.
        public let name: String
        /// Item numbers 1–30.
        public let items: [Int]
        /// Transformation type.
        public let type: ScaleType
        /// Item range: 3 for 4-point items, 6 for the 7-point items 29–30.
        public let range: Double
    }

    /// The 15 scales in the manual's order.
    public static let scales: [Scale] = [
        Scale(code: "QL2", name: "Global health status/QoL (revised)", items: [29, 30], type: .global, range: 6),
        Scale(code: "PF2", name: "Physical functioning (revised)", items: [1, 2, 3, 4, 5], type: .functional, range: 3),
        Scale(code: "RF2", name: "Role functioning (revised)", items: [6, 7], type: .functional, range: 3),
        Scale(code: "EF", name: "Emotional functioning", items: [21, 22, 23, 24], type: .functional, range: 3),
        Scale(code: "CF", name: "Cognitive functioning", items: [20, 25], type: .functional, range: 3),
        Scale(code: "SF", name: "Social functioning", items: [26, 27], type: .functional, range: 3),
        Scale(code: "FA", name: "Fatigue", items: [10, 12, 18], type: .symptom, range: 3),
        Scale(code: "NV", name: "Nausea and vomiting", items: [14, 15], type: .symptom, range: 3),
        Scale(code: "PA", name: "Pain", items: [9, 19], type: .symptom, range: 3),
        Scale(code: "DY", name: "Dyspnoea", items: [8], type: .symptom, range: 3),
        Scale(code: "SL", name: "Insomnia", items: [11], type: .symptom, range: 3),
        Scale(code: "AP", name: "Appetite loss", items: [13], type: .symptom, range: 3),
        Scale(code: "CO", name: "Constipation", items: [16], type: .symptom, range: 3),
        Scale(code: "DI", name: "Diarrhoea", items: [17], type: .symptom, range: 3),
        Scale(code: "FI", name: "Financial difficulties", items: [28], type: .symptom, range: 3),
    ]

    /// PARAMCD of the summary score.
    public static let summaryCode = "C30SUM"
    /// PARAM of the summary score.
    public static let summaryName = "QLQ-C30 summary score"
    /// The 13 scales of the summary score; symptom scales enter as 100 − S.
    public static let summaryScales = ["PF2", "RF2", "EF", "CF", "SF", "FA", "NV", "PA", "DY", "SL", "AP", "CO", "DI"]

    /// The score 0–100 of `scale` from the item responses (`items[n]` = response to item n;
    /// an absent item is unanswered), or `nil` under the half-items rule.
    public static func score(_ scale: Scale, items: [Int: Double]) -> Double? {
        var sum = 0.0
        var answered = 0
        for i in scale.items {
            if let x = items[i] { sum += x; answered += 1 }
        }
        // Half-items rule: at least half answered (2·answered ≥ n).
        guard answered > 0, 2 * answered >= scale.items.count else { return nil }
        let rs = sum / Double(answered)                       // raw score = mean of answered items
        switch scale.type {
        case .functional: return (1 - (rs - 1) / scale.range) * 100
        case .symptom, .global: return ((rs - 1) / scale.range) * 100
        }
    }

    /// All 15 scale scores and C30SUM, by PARAMCD (`nil` = missing).
    public static func scoreAll(items: [Int: Double]) -> [String: Double?] {
        var out: [String: Double?] = [:]
        for s in scales { out[s.code] = score(s, items: items) }
        out[summaryCode] = summary(out)
        return out
    }

    /// `itemNumber(testcd:)` of a test code spelled exactly `EOR01` and two digits (the usual
    /// case, read from its bytes); `nil` for any other spelling (ask `itemNumber`).
    static func plainItemNumber(_ testcd: String) -> Int? {
        let utf8 = testcd.utf8
        return utf8.withContiguousStorageIfAvailable { b -> Int? in
            guard b.count == 7, b[0] == 0x45, b[1] == 0x4F, b[2] == 0x52, b[3] == 0x30, b[4] == 0x31,
                  (0x30...0x39).contains(b[5]), (0x30...0x39).contains(b[6]) else { return nil }
            let n = Int(b[5] - 0x30) * 10 + Int(b[6] - 0x30)
            return (1...30).contains(n) ? n : nil
        } ?? nil
    }

    /// The 15 scale scores in `scales` order, then C30SUM (`scoreAll` as an array, without a
    /// dictionary per questionnaire).
    static func scoreList(items: [Int: Double]) -> [Double?] {
        var out: [Double?] = []
        out.reserveCapacity(scales.count + 1)
        for s in scales { out.append(score(s, items: items)) }
        // C30SUM as in `summary`: the 13 scales in `summaryScales` order, symptoms reversed.
        var total = 0.0
        for (i, symptom) in summaryPositions {
            guard let x = out[i] else { out.append(nil); return out }
            total += symptom ? 100 - x : x
        }
        out.append(total / Double(summaryScales.count))
        return out
    }

    /// Position in `scales` of each summary scale, and whether it is a symptom scale.
    static let summaryPositions: [(index: Int, symptom: Bool)] = summaryScales.compactMap { code in
        scales.firstIndex { $0.code == code }.map { ($0, scales[$0].type == .symptom) }
    }

    /// C30SUM from the scale scores, or `nil` unless all 13 summary scales are present.
    public static func summary(_ scores: [String: Double?]) -> Double? {
        var total = 0.0
        for code in summaryScales {
            guard let s = scores[code] ?? nil else { return nil }
            let type = scales.first { $0.code == code }!.type
            total += type == .symptom ? 100 - s : s
        }
        return total / Double(summaryScales.count)
    }

    /// Item number 1–30 of a QSTESTCD like `EOR0101`…`EOR0130` (last two digits), else `nil`.
    public static func itemNumber(testcd: String) -> Int? {
        let t = testcd.uppercased()
        guard t.hasPrefix("EOR01"), t.count == 7, let n = Int(t.suffix(2)), (1...30).contains(n) else { return nil }
        return n
    }

    /// True when `response` is a valid answer to item `item` (1–4; 1–7 for items 29–30).
    public static func isValid(_ response: Double, item: Int) -> Bool {
        response == response.rounded() && response >= 1 && response <= (item >= 29 ? 7 : 4)
    }
}
