/// Why a `--database-url` was refused; each message names the part to fix and never holds
/// the password.
package enum DatabaseURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed
    case scheme
    case missingUser
    case missingDatabase
    case schema(String)
    case sslMode(String)

    package var description: String {
        switch self {
        case .malformed: "the database URL is not a URL (postgres://user:password@host:port/database)"
        case .scheme: "the database URL must start with postgres:// or postgresql://"
        case .missingUser: "the database URL names no user (postgres://user:password@host:port/database)"
        case .missingDatabase: "the database URL names no database (postgres://user@host:port/database)"
        case .schema(let name):
            "schema \"\(name)\" is not accepted: lower-case letters, digits and _, starting with a letter or _"
        case .sslMode(let mode): "sslmode \"\(mode)\" is not one of disable, prefer, require"
        }
    }
}
