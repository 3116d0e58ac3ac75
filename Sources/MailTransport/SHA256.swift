// SHA-256 (FIPS 180-4) for content hashes of mail (the pipeline's dedupe keys, the transport
// tests' byte-for-byte checks): OpenSSL's libcrypto, which libcurl links into the process
// anyway (Foundation on Linux has none). Here, not in MailMessage, so that the pure parser
// links nothing (scripts/fuzz builds it alone). The Swift loop it replaces was 19% of
// pickup's CPU, ~9 ms per MB of mail (perf, 500 P1 messages, session 3).
import CCrypto
import Foundation

/// FIPS 180-4 SHA-256.
public enum SHA256 {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex digest of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digest = digest(bytes)
        var text = [UInt8]()
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The digest of `bytes`, read in place (a 4 MB message is not copied to be hashed).
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                _ = CCrypto.SHA256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return out
    }
}
