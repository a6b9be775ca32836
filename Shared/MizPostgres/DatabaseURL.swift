import Foundation

/// Where a service's PostgreSQL database is, parsed from
/// `postgres://user:password@host:port/database?schema=…&sslmode=…&host=/socket/folder`.
///
/// The password is kept for connecting and never shown: `description` masks it, so the URL
/// can go into a log line as it is.
package struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS, from `sslmode` (`disable`, `prefer`, `require`; default `prefer`).
    package enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    package var host: String
    package var port: Int
    package var username: String
    package var password: String?
    package var database: String
    /// The schema named in the URL, which replaces the service's own schema name; nil when absent.
    package var schema: String?
    package var tls: TLSMode
    /// The folder of the server's unix socket (`?host=/folder`, as libpq spells it); nil for TCP.
    package var socketFolder: String?

    /// Parses `text`.
    ///
    /// - Throws: `DatabaseURLError` saying which part is wrong (never repeating the password).
    package init(parsing text: String) throws {
        guard let components = URLComponents(string: text) else { throw DatabaseURLError.malformed }
        guard let scheme = components.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme) else {
            throw DatabaseURLError.scheme
        }
        guard let username = components.user, !username.isEmpty else { throw DatabaseURLError.missingUser }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw DatabaseURLError.missingDatabase }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") }, uniquingKeysWith: { $1 })
        self.username = username
        self.password = components.password
        self.database = database
        self.port = components.port ?? 5432
        self.host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        if let folder = query["host"], folder.hasPrefix("/") {
            socketFolder = folder
        } else {
            socketFolder = nil
        }
        if let schema = query["schema"], !schema.isEmpty {
            guard Self.isValidSchemaName(schema) else { throw DatabaseURLError.schema(schema) }
            self.schema = schema
        } else {
            schema = nil
        }
        guard let tls = TLSMode(rawValue: (query["sslmode"].flatMap { $0.isEmpty ? nil : $0 } ?? "prefer").lowercased())
        else { throw DatabaseURLError.sslMode(query["sslmode"] ?? "") }
        self.tls = tls
    }

    /// The URL with the password masked, for logs and messages.
    package var description: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = username
        components.password = password == nil ? nil : "***"
        components.host = host
        components.port = port
        components.path = "/" + database
        var items: [URLQueryItem] = []
        if let schema { items.append(URLQueryItem(name: "schema", value: schema)) }
        if let socketFolder { items.append(URLQueryItem(name: "host", value: socketFolder)) }
        items.append(URLQueryItem(name: "sslmode", value: tls.rawValue))
        components.queryItems = items
        return components.string ?? "postgres://\(username)@\(host):\(port)/\(database)"
    }

    /// The unix socket's path for the port, as the server names it; nil for TCP.
    package var socketPath: String? {
        socketFolder.map { ($0 as NSString).appendingPathComponent(".s.PGSQL.\(port)") }
    }

    /// Whether `name` is a schema name Miz accepts: lower-case ASCII letters, digits and `_`,
    /// starting with a letter or `_`, at most 63 characters (PostgreSQL's limit), so it needs
    /// no quoting anywhere.
    package static func isValidSchemaName(_ name: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_")
        }
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 63, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || isDigit($0) }
    }
}
