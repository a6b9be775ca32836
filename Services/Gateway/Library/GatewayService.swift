import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MizBus
import MizRuntime
import MizSchema
import ServiceLifecycle

/// The `gateway` process: the desk's only HTTP face, for browsers, the mobile app and other
/// systems. It holds no data; every answer comes from a service through the bus.
package enum GatewayService {
    /// The process name, also the name of its CURVE keys.
    package static let processName = "gateway"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9101

    /// Builds the public HTTP application over a bus client; tests call it with their own.
    package static func buildApplication(
        client: BusClient,
        host: String,
        port: Int,
        logger: Logger,
        isDevelopment: Bool = false,
        sessionCache: SessionCache = SessionCache(),
        trustedProxies: Set<String> = []
    ) -> some ApplicationProtocol {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: TraceMiddleware())
        router.add(middleware: BusErrorMiddleware())
        router.add(middleware: AuthMiddleware(client: client, cache: sessionCache, trustedProxies: trustedProxies))
        router.add(middleware: CSRFMiddleware())
        HealthRoutes(client: client).add(to: router)
        InboxAPIRoutes(client: client).add(to: router)
        let catalogCache = CatalogReplyCache()
        CatalogAPIRoutes(client: client, cache: catalogCache).add(to: router)
        CatalogAdminAPIRoutes(client: client, cache: catalogCache).add(to: router)
        AuthAPIRoutes(client: client, cache: sessionCache).add(to: router)
        FeedbackAPIRoutes(client: client).add(to: router)
        RequestsAPIRoutes(client: client).add(to: router)
        let web = WebRoutes(client: client)
        web.add(to: router)
        InboxPages(client: client, site: web.site).add(to: router)
        HolidayPages(client: client, site: web.site).add(to: router)
        CatalogAdminPages(client: client, site: web.site, cache: catalogCache).add(to: router)
        let authPages = AuthPages(client: client, site: web.site, cache: sessionCache, isDevelopment: isDevelopment)
        authPages.add(to: router)
        StaffAccountPages(pages: authPages).add(to: router)
        FeedbackPages(client: client, site: web.site).add(to: router)
        FeedbackStaffPages(client: client, site: web.site).add(to: router)
        RequestFormPages(client: client, site: web.site).add(to: router)
        TrackingPages(client: client, site: web.site).add(to: router)
        PanelPages(client: client, site: web.site).add(to: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "miz"),
            logger: logger
        )
    }

    /// Runs the gateway until SIGTERM or SIGINT.
    package static func run(options: RuntimeOptions, gateway: GatewayOptions) async throws {
        let host = ServiceHost(service: processName, options: options)
        let client = try host.makeClient()
        let app = buildApplication(
            client: client, host: gateway.httpHost, port: gateway.httpPort, logger: host.logger,
            isDevelopment: gateway.isDevelopment, trustedProxies: Set(gateway.trustedProxies))
        if gateway.isDevelopment {
            host.logger.warning("development mode: /dev/sms shows every SMS; never use it in production")
        }
        var services: [any Service] = [app]
        let opsPort = options.opsPort ?? defaultOpsPort
        if opsPort > 0 {
            services.append(
                OpsServer.make(
                    host: options.opsHost, port: opsPort, registry: host.registry, logger: host.logger,
                    isReady: { await client.isBrokerReachable() }))
        }
        host.logger.info("gateway listening", metadata: ["miz.http": "http://\(gateway.httpHost):\(gateway.httpPort)"])
        let group = ParentWatch.serviceGroup(
            services: services, exitWhenStdinCloses: options.exitWhenStdinCloses, logger: host.logger)
        try await group.run()
        await client.shutdown()
    }
}
