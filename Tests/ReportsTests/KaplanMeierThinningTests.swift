import Foundation
import Testing
@testable import Analysis
@testable import Reports

/// The KM plot draws what the eye can see: steps closer than a pixel merged, every drop kept,
/// the drawn curve within a pixel of the exact one, a bounded SVG for 100,000 subjects.
@Suite("Kaplan-Meier plot thinning")
struct KaplanMeierThinningTests {
    typealias Step = KaplanMeierSummary.Step

    /// The colon results with the first curve of the first endpoint replaced by `steps`, the x
    /// axis 0…`days` with `daysPerMonth` 1, so that x(t) = 110 + t·670/days px.
    static func results(steps: [Step], days: Double) throws -> Results {
        var r = try ColonResults.compute()
        r.methods.atRiskTimes = [0, days]
        r.methods.daysPerMonth = 1
        r.endpoints[0].km[0].steps = steps
        return r
    }

    static func step(_ t: Double, _ s: Double, event: Double = 1, censor: Double = 0) -> Step {
        Step(time: t, nRisk: 100, nEvent: event, nCensor: censor, survival: s, lower: nil, upper: nil)
    }

    /// The `d` attribute of the first path with class `cls` (the first group's).
    static func path(_ svg: String, _ cls: String) -> String? {
        guard let r = svg.range(of: "class=\"\(cls)\"") else { return nil }
        let rest = svg[r.upperBound...]
        guard let a = rest.range(of: "d=\"") else { return nil }
        return String(rest[a.upperBound...].prefix { $0 != "\"" })
    }

    /// Hand-made curve on a 670-day axis (1 px per day, x = 110 + t, y = 40 + 300(1 − S)):
    /// t 10 S 0.9 → (120, 70); t 10.5 S 0.8 is 0.5 px later → merged: the drop at x 120 goes to
    /// y 100; t 20 censoring only → no point; t 30 S 0.5 → (140, 190); the curve ends at t 40.
    @Test func stepsCloserThanAPixelAreMergedAndDropsKept() throws {
        let steps = [Self.step(10, 0.9), Self.step(10.5, 0.8), Self.step(20, 0.8, event: 0, censor: 1),
                     Self.step(30, 0.5), Self.step(40, 0.5, event: 0, censor: 2)]
        let r = try Self.results(steps: steps, days: 670)
        let svg = KaplanMeierPlot(endpoint: r.endpoints[0], methods: r.methods, bands: false).svg
        #expect(Self.path(svg, "km-curve") == "M 110.00 40.00 H 120.00 V 100.00 H 140.00 V 190.00 H 150.00")
        #expect(Self.path(svg, "km-censor") == "M 130.00 96.00 V 104.00 M 150.00 186.00 V 194.00 ")
        // Censor marks less than a pixel apart (both ways) are one mark; a pixel apart, two.
        let close = [Self.step(10, 0.9), Self.step(50, 0.9, event: 0, censor: 1), Self.step(50.6, 0.9, event: 0, censor: 1),
                     Self.step(51.6, 0.9, event: 0, censor: 1)]
        let r2 = try Self.results(steps: close, days: 670)
        let svg2 = KaplanMeierPlot(endpoint: r2.endpoints[0], methods: r2.methods, bands: false).svg
        #expect(Self.path(svg2, "km-censor") == "M 160.00 66.00 V 74.00 M 161.60 66.00 V 74.00 ")
    }

    /// 100,000 subjects with distinct continuous times: at most one drawn corner per pixel
    /// column, the SVG stays small, and every exact drop lies on a drawn vertical segment less
    /// than a pixel to its left.
    @Test func hundredThousandStepsStayFaithfulAndSmall() throws {
        var state: UInt64 = 20261127
        func uniform() -> Double {   // SplitMix64
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return Double((z ^ (z >> 31)) >> 11) / 9_007_199_254_740_992
        }
        let n = 100_000, days = 730.0
        let times = (0..<n).map { _ in uniform() * days }.sorted()
        var s = 1.0, atRisk = Double(n)
        var steps: [Step] = []
        for t in times {
            let event = uniform() < 0.4
            if event { s *= (atRisk - 1) / atRisk }
            steps.append(Step(time: t, nRisk: atRisk, nEvent: event ? 1 : 0, nCensor: event ? 0 : 1, survival: s,
                              lower: s * 0.95, upper: min(1, s * 1.05)))
            atRisk -= 1
        }
        let r = try Self.results(steps: steps, days: days)
        let svg = KaplanMeierPlot(endpoint: r.endpoints[0], methods: r.methods).svg
        #expect(svg.utf8.count < 150_000, "\(svg.utf8.count) bytes")
        // The drawn corners (unrounded), and the path is exactly them.
        func x(_ t: Double) -> Double { 110 + t / days * 670 }
        func y(_ s: Double) -> Double { 40 + (1 - s) * 300 }
        let all = KaplanMeierPlot.thinned([(x: x(0), y: y(1))] + steps.map { (x: x($0.time), y: y($0.survival)) },
                                          x: { $0.x }, same: { $0.y == $1.y }, replacing: { ($0.x, $1.y) })
        let corners = Array(all.dropFirst())
        let expected = "M 110.00 40.00" + corners.map { " H \(Format.fixed($0.x, 2)) V \(Format.fixed($0.y, 2))" }.joined()
            + " H \(Format.fixed(x(steps.last!.time), 2))"
        #expect(Self.path(svg, "km-curve") == expected)
        #expect(corners.count <= 671 && corners.count > 500, "\(corners.count) corners")
        for j in 1..<corners.count { #expect(corners[j].x - corners[j - 1].x >= 1) }
        let marks = try #require(Self.path(svg, "km-censor")).components(separatedBy: "M ").count - 1
        #expect(marks <= 2 * 671, "\(marks) censor marks")
        // Every drop of the exact curve: on the drawn vertical at the last corner not right of it.
        var c = 0
        let previousY = y(1)
        var checked = 0
        for st in steps where st.nEvent > 0 {
            let px = x(st.time), py = y(st.survival)
            while c + 1 < corners.count && corners[c + 1].x <= px { c += 1 }
            let corner = corners[c]
            let above = c > 0 ? corners[c - 1].y : previousY
            if !(px - corner.x < 1 && px >= corner.x && py <= corner.y && py >= above) {
                Issue.record("drop at t \(st.time) (x \(px), y \(py)) not on the corner at x \(corner.x) from \(above) to \(corner.y)")
                break
            }
            checked += 1
        }
        #expect(checked > 30_000)
    }
}
