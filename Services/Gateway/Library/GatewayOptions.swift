import ArgumentParser
import MizRuntime

/// The gateway's own flags beside the shared ones.
package struct GatewayOptions: ParsableArguments, Sendable {
    @Option(help: "Address the public HTTP server binds (MIZ_HTTP_HOST).")
    package var httpHost: String = EnvironmentDefault.string("MIZ_HTTP_HOST", "127.0.0.1")

    @Option(help: "Port of the public HTTP server (MIZ_HTTP_PORT).")
    package var httpPort: Int = EnvironmentDefault.int("MIZ_HTTP_PORT", 8080)

    @Option(
        name: .customLong("trusted-proxy"),
        help: """
            Address of a reverse proxy whose X-Forwarded-For names the client; repeat for several \
            (MIZ_TRUSTED_PROXIES, comma-separated). Without it the connection's address is the client's.
            """)
    package var trustedProxies: [String] = EnvironmentDefault.list("MIZ_TRUSTED_PROXIES", [])

    @Flag(help: "Development mode: serves the SMS inbox page /dev/sms (MIZ_DEVELOPMENT=1).")
    package var development = false

    package init() {}

    /// Development mode from the flag or `MIZ_DEVELOPMENT=1`.
    package var isDevelopment: Bool {
        development || ["1", "true", "yes"].contains(EnvironmentDefault.string("MIZ_DEVELOPMENT", "0").lowercased())
    }
}
