/// Why a documents folder could not keep or give back a file.
package enum DocumentVaultError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The digest given is not 64 lowercase hex characters.
    case invalidDigest
    /// The content's SHA-256 is not the digest it was to be kept under.
    case digestMismatch(expected: String, actual: String)
    /// No file under the digest.
    case missing(sha256: String)
    /// The file's size or SHA-256 differs from its row's: changed or truncated on disk.
    case damaged(sha256: String, size: Int, actualSHA256: String)
    /// The folder is not usable: not a folder, not writable, or an I/O call failed.
    case unusable(String)

    package var description: String {
        switch self {
        case .invalidDigest: "invalid digest"
        case .digestMismatch(let expected, let actual): "content is \(actual), not \(expected)"
        case .missing(let sha256): "file \(sha256) is missing"
        case .damaged(let sha256, let size, let actual):
            "file \(sha256) is damaged: \(size) bytes with SHA-256 \(actual)"
        case .unusable(let reason): reason
        }
    }
}
