import Foundation
import Testing
import TrialCore
@testable import SDTM

/// The SDTM specs and CT under `specs/` load, and every codelist a variable names exists.
@Suite struct SpecTests {
    static let specsRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("specs").path
    }()

    @Test func specsLoadWithEveryDomainAndCodelist() throws {
        let lib = try SpecLibrary.load(from: Self.specsRoot)
        for d in SDTMMapper.domains { #expect(lib.dataset(d) != nil, "spec of \(d)") }
        #expect(lib.terminologyPackages.contains("SDTM CT 2024-03-29"))
        for d in SDTMMapper.domains {
            let spec = try #require(lib.dataset(d))
            for v in spec.variables {
                if let cl = v.codelist { #expect(lib.codelist(cl) != nil, "\(d).\(v.name) codelist \(cl)") }
                #expect(v.name.count <= 8, "\(d).\(v.name) name ≤ 8")
                #expect(v.label.count <= 40, "\(d).\(v.name) label ≤ 40: \(v.label)")
                if v.type == .character { #expect(v.length != nil && v.length! <= 200, "\(d).\(v.name) length") }
            }
            for k in spec.keys { #expect(spec.variable(k) != nil, "\(d) key \(k) is a variable") }
            #expect(spec.label.count <= 40)
        }
    }

    @Test func qlqItemsMatchTheCodelist() throws {
        let lib = try SpecLibrary.load(from: Self.specsRoot)
        let cd = try #require(lib.codelist("QSTESTCD")), tn = try #require(lib.codelist("QSTEST"))
        for n in 1...30 {
            #expect(cd.decode(QLQC30Items.testCode(n)) == QLQC30Items.testNames[n - 1])
            #expect(tn.contains(QLQC30Items.testNames[n - 1]))
        }
        #expect(QLQC30Items.testCode(1) == "EOR0101")
        #expect(QLQC30Items.testCode(30) == "EOR0130")
    }
}
