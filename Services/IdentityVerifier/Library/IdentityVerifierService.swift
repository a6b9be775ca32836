import Foundation
import Logging
import MizBus
import MizPostgres
import MizRuntime
import ServiceLifecycle

/// The `identity-verifier` process. Verifies applicants against the civil registry (ثبت احوال) and mobile ownership (شاهکار).
///
/// It joins the bus as the `identity` service; its routes are registered here, beside the
/// `identity.ping` every service answers. With `--registry embedded` (the default) its data is
/// one SQLite file, `identity-registry.sqlite` in the data folder, generated on first start;
/// with `--registry upstream` it asks the configured web services. Logins, sessions, staff
/// accounts and the audit log live in a second file, `identity.sqlite`, or with
/// `--database-url` in the `identity` schema of a PostgreSQL database, which several instances
/// share (the registry file stays each instance's own); the session signing key in
/// `identity-session.key` of the keys folder, the same file for every instance.
package enum IdentityVerifierService {
    /// The MDP service name the broker routes `identity.*` calls to.
    package static let serviceName = "identity"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "identity-verifier"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9104

    /// The PostgreSQL schema of the logins, sessions, staff and audit tables, unless the URL
    /// names another.
    package static let schemaName = "identity"

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(
        options: RuntimeOptions, identity: IdentityVerifierOptions = IdentityVerifierOptions(),
        database: DatabaseOptions = DatabaseOptions()
    ) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        let registry: any IdentityRegistry
        var services: [any Service] = []
        switch identity.registry {
        case .embedded:
            let path = try options.dataFolder().appendingPathComponent(EmbeddedRegistry.fileName).path
            let embedded = try EmbeddedRegistry(path: path)
            registry = embedded
            services.append(
                EmbeddedRegistryGeneration(
                    registry: embedded, count: max(0, identity.registryPopulation),
                    seed: UInt64(truncatingIfNeeded: identity.registrySeed), logger: host.logger))
            host.logger.info("registry: embedded", metadata: ["miz.identity.database": "\(path)"])
        case .upstream:
            let configuration = try identity.upstreamConfiguration()
            registry = UpstreamRegistry(configuration: configuration)
            host.logger.info(
                "registry: upstream",
                metadata: [
                    "miz.identity.registry_url": "\(configuration.registryURL)",
                    "miz.identity.mobile_ownership_url": "\(configuration.mobileOwnershipURL)",
                ])
        }
        switch try database.backend() {
        case .sqlite:
            let path = try options.dataFolder().appendingPathComponent(SQLiteAuthStore.fileName).path
            try await serve(
                host: host, options: options, policy: identity.authPolicy, registry: registry, services: services,
                store: try SQLiteAuthStore(path: path), location: path)
        case .postgres(let url, let pool):
            let database = try ServiceDatabase(
                url: url, schema: schemaName, pool: pool, logger: Logger(label: "miz.identity.postgres"))
            try await ServiceDatabase.withRunning(database) { database in
                let store = PostgresAuthStore(database: database)
                try await store.migrate()
                try await serve(
                    host: host, options: options, policy: identity.authPolicy, registry: registry, services: services,
                    store: store,
                    location: "\(url) schema \(database.schema)")
            }
        }
    }

    /// Serves the registry and login routes over the auth store until shutdown.
    private static func serve(
        host: ServiceHost, options: RuntimeOptions, policy: AuthPolicy, registry: any IdentityRegistry,
        services: [any Service], store: any AuthStore, location: String
    ) async throws {
        let key = try SigningKey.loadOrCreate(in: options.keysFolder)
        let now: @Sendable () -> Date = { Date() }
        let client = try host.makeClient()
        let sessions = SessionAuthority(store: store, key: key, policy: policy, now: now)
        let auth = AuthRoutes(
            citizens: CitizenLogin(
                registry: registry, store: store, sender: NotifierLoginCodeSender(client: client), sessions: sessions,
                key: key, policy: policy, now: now),
            staff: await StaffAccounts(
                store: store, sessions: sessions, hasher: PasswordHasher(), policy: policy, now: now),
            sessions: sessions)
        host.logger.info("logins and sessions open", metadata: ["miz.identity.auth_database": "\(location)"])
        let routes = IdentityRoutes(registry: registry, limits: (store, policy))
        try await host.run(
            opsPort: defaultOpsPort,
            isStorageReady: {
                let registryReady = await registry.isReady()
                return await store.isReady() && registryReady
            }, services: services
        ) { worker in
            routes.register(on: worker)
            auth.register(on: worker)
        }
        await client.shutdown()
    }
}
