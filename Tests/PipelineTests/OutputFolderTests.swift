import Foundation
import Testing
@testable import Pipeline

@Suite("Atomic output folder and manifest")
struct OutputFolderTests {
    static func tempParent() throws -> URL {
        let u = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("td-outfolder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    @Test func commitReplacesAndDiscardKeepsPrevious() throws {
        let parent = try Self.tempParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        // First run: no previous folder.
        let a = try OutputFolder(final: out)
        try Data("one".utf8).write(to: a.staging.appendingPathComponent("x.txt"))
        try a.commit()
        #expect(try String(contentsOf: out.appendingPathComponent("x.txt"), encoding: .utf8) == "one")
        // A failed run: staging discarded, previous outputs unchanged.
        let b = try OutputFolder(final: out)
        try Data("two".utf8).write(to: b.staging.appendingPathComponent("x.txt"))
        b.discard()
        #expect(try String(contentsOf: out.appendingPathComponent("x.txt"), encoding: .utf8) == "one")
        // A successful run replaces the whole folder (old files gone) and leaves no staging behind.
        let c = try OutputFolder(final: out)
        try Data("three".utf8).write(to: c.staging.appendingPathComponent("y.txt"))
        try c.commit()
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("x.txt").path))
        #expect(try String(contentsOf: out.appendingPathComponent("y.txt"), encoding: .utf8) == "three")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    @Test func staleStagingOfDeadProcessIsRemoved() throws {
        let parent = try Self.tempParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        // PID 2^22 + 12345 is above Linux's pid_max default ceiling, so no such process exists.
        let stale = parent.appendingPathComponent(".out.partial-4206649")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        let f = try OutputFolder(final: parent.appendingPathComponent("out"))
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        f.discard()
    }

    @Test func manifestHashesEveryFileSorted() throws {
        let parent = try Self.tempParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: parent.appendingPathComponent("b"), withIntermediateDirectories: true)
        try Data("abc".utf8).write(to: parent.appendingPathComponent("b/z.txt"))
        try Data().write(to: parent.appendingPathComponent("a.txt"))
        try Data("skip".utf8).write(to: parent.appendingPathComponent("manifest.json"))
        let e = try Manifest.entries(under: parent, exclude: ["manifest.json"])
        #expect(e.map(\.path) == ["a.txt", "b/z.txt"])
        #expect(e[0].sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" && e[0].bytes == 0)
        #expect(e[1].sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" && e[1].bytes == 3)
    }
}
