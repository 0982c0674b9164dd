import Testing
@testable import Pipeline

/// FIPS 180-4 / NIST CSRC example vectors.
@Suite("SHA-256")
struct SHA256Tests {
    @Test func nistVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8))
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func millionAInPiecesEqualsOneShot() {
        let a = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(SHA256.hex(a) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // Streaming in uneven pieces (through both update paths) gives the same digest.
        var h = SHA256()
        var i = 0
        var step = 1
        while i < a.count {
            let j = min(a.count, i + step)
            if step % 2 == 0 { a[i..<j].withUnsafeBytes { h.update(buffer: $0) } } else { h.update(a[i..<j]) }
            i = j
            step = step * 3 % 1000 + 1
        }
        #expect(SHA256.hexString(h.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
