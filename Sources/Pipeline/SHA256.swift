import COpenSSL

/// SHA-256 (FIPS 180-4) of bytes, for the run manifest, computed by libcrypto's EVP digest
/// (which uses the CPU's SHA extensions: a gigabyte-sized study output hashes in about a second).
///
/// Example: `SHA256.hex(Array("abc".utf8))` is `ba7816bf…15ad`; streaming:
/// ```swift
/// var h = SHA256()
/// data.withUnsafeBytes { h.update(buffer: $0) }
/// let hex = SHA256.hexString(h.finalize())
/// ```
public struct SHA256: ~Copyable {
    private let context: OpaquePointer?

    /// A fresh hash state.
    public init() {
        context = EVP_MD_CTX_new()
        if let context { EVP_DigestInit_ex(context, EVP_sha256(), nil) }
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Feeds bytes.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        array.withUnsafeBytes { update(buffer: $0) }
    }

    /// Feeds a contiguous buffer (fast path for file contents).
    public mutating func update(buffer bytes: UnsafeRawBufferPointer) {
        guard let context, let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// The 32-byte digest (the state is consumed).
    public consuming func finalize() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var n: UInt32 = 0
        if let context { out.withUnsafeMutableBufferPointer { _ = EVP_DigestFinal_ex(context, $0.baseAddress, &n) } }
        return out
    }

    /// Lower-case hex digest of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        var s = SHA256()
        bytes.withUnsafeBytes { s.update(buffer: $0) }
        return hexString(s.finalize())
    }

    /// Lower-case hex of a digest.
    public static func hexString(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return out
    }
}
