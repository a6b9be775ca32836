import ArgumentParser
import Foundation
import MizRuntime

/// The identity-verifier's own flags, each defaulting to a `MIZ_…` environment variable and
/// then to a local run's value (the embedded registry).
package struct IdentityVerifierOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("registry"), help: "Registry back end: embedded or upstream (MIZ_REGISTRY).")
    package var registry: RegistryBackendKind =
        RegistryBackendKind(rawValue: EnvironmentDefault.string("MIZ_REGISTRY", "embedded")) ?? .embedded

    @Option(
        name: .customLong("registry-url"), help: "Civil registry (ثبت احوال) endpoint, for upstream (MIZ_REGISTRY_URL)."
    )
    package var registryURL: String = EnvironmentDefault.string("MIZ_REGISTRY_URL", "")

    @Option(
        name: .customLong("mobile-ownership-url"),
        help: "Mobile ownership (شاهکار) endpoint, for upstream (MIZ_MOBILE_OWNERSHIP_URL).")
    package var mobileOwnershipURL: String = EnvironmentDefault.string("MIZ_MOBILE_OWNERSHIP_URL", "")

    @Option(
        name: .customLong("registry-api-key"),
        help: "Bearer key for the upstream registries; prefer the variable (MIZ_REGISTRY_API_KEY).")
    package var registryAPIKey: String = EnvironmentDefault.string("MIZ_REGISTRY_API_KEY", "")

    @Option(
        name: .customLong("registry-timeout"), help: "Seconds one upstream attempt may take (MIZ_REGISTRY_TIMEOUT).")
    package var registryTimeout: Double = EnvironmentDefault.double("MIZ_REGISTRY_TIMEOUT", 2)

    @Option(name: .customLong("registry-attempts"), help: "Attempts per upstream lookup (MIZ_REGISTRY_ATTEMPTS).")
    package var registryAttempts: Int = EnvironmentDefault.int("MIZ_REGISTRY_ATTEMPTS", 3)

    @Option(
        name: .customLong("registry-cache-seconds"),
        help: "Seconds a positive upstream answer is cached; 0 for none (MIZ_REGISTRY_CACHE_SECONDS).")
    package var registryCacheSeconds: Double = EnvironmentDefault.double("MIZ_REGISTRY_CACHE_SECONDS", 300)

    @Option(
        name: .customLong("registry-population"),
        help: "Synthetic citizens generated into a new embedded registry (MIZ_REGISTRY_POPULATION).")
    package var registryPopulation: Int = EnvironmentDefault.int(
        "MIZ_REGISTRY_POPULATION", SyntheticPopulation.defaultCount)

    @Option(name: .customLong("registry-seed"), help: "Seed of the embedded registry's generator (MIZ_REGISTRY_SEED).")
    package var registrySeed: Int = EnvironmentDefault.int("MIZ_REGISTRY_SEED", Int(SyntheticPopulation.defaultSeed))

    @Option(
        name: .customLong("staff-logins-per-address"),
        help: """
            Staff logins accepted from one client address in 10 minutes; raise it for an office \
            whose officials share one public address (MIZ_STAFF_LOGINS_PER_ADDRESS).
            """)
    package var staffLoginsPerAddress: Int = EnvironmentDefault.int("MIZ_STAFF_LOGINS_PER_ADDRESS", 30)

    @Option(
        name: .customLong("login-starts-per-address"),
        help: """
            Citizen logins started (codes sent) from one client address in 10 minutes; the codes \
            checked from it may be twice as many (MIZ_LOGIN_STARTS_PER_ADDRESS).
            """)
    package var loginStartsPerAddress: Int = EnvironmentDefault.int("MIZ_LOGIN_STARTS_PER_ADDRESS", 30)

    package init() {}

    package mutating func validate() throws {
        guard staffLoginsPerAddress >= 1, loginStartsPerAddress >= 1 else {
            throw ValidationError("--staff-logins-per-address and --login-starts-per-address must be 1 or more")
        }
    }

    /// The login limits of these options; the rest of the policy keeps its defaults.
    package var authPolicy: AuthPolicy {
        var policy = AuthPolicy()
        policy.staffLoginsPerAddress = staffLoginsPerAddress
        policy.startsPerAddress = loginStartsPerAddress
        policy.verificationsPerAddress = 2 * loginStartsPerAddress
        return policy
    }

    /// The upstream settings, or a validation error naming the missing URL.
    package func upstreamConfiguration() throws -> UpstreamRegistryConfiguration {
        guard let registry = URL(string: registryURL), registry.scheme?.hasPrefix("http") == true else {
            throw ValidationError("--registry upstream needs --registry-url (an http or https URL)")
        }
        guard let mobile = URL(string: mobileOwnershipURL), mobile.scheme?.hasPrefix("http") == true else {
            throw ValidationError("--registry upstream needs --mobile-ownership-url (an http or https URL)")
        }
        return UpstreamRegistryConfiguration(
            registryURL: registry, mobileOwnershipURL: mobile, apiKey: registryAPIKey,
            timeout: .milliseconds(Int64(max(0.05, registryTimeout) * 1000)), attempts: registryAttempts,
            cacheLifetime: .milliseconds(Int64(max(0, registryCacheSeconds) * 1000)))
    }
}
