import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MizBus
import MizSchema

/// `GET /api/v1/health`: whether each service of the desk has workers (asked of the broker
/// with `mmi.service`) and how long a ping round trip to one of them takes.
package struct HealthRoutes: Sendable {
    /// One service's state.
    package struct ServiceHealth: Codable, Sendable, Equatable {
        package var service: String
        /// True when the broker has at least one worker for the service.
        package var available: Bool
        /// The ping's round trip in milliseconds, when it answered.
        package var pingMilliseconds: Double?
        package var instanceId: String?
        package var version: String?
        /// Why the service is not healthy, in Persian.
        package var problem: String?
    }

    /// The whole desk's state: `ok` when every service answered.
    package struct Report: Codable, Sendable, Equatable {
        package var status: String
        package var services: [ServiceHealth]
    }

    let client: BusClient
    let services: [String]

    package init(client: BusClient, services: [String] = Routes.serviceNames) {
        self.client = client
        self.services = services
    }

    /// Adds the route to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("api/v1/health") { _, context in
            let report = await self.report(traceId: context.traceId)
            let data = try WireCoding.encoder.encode(report)
            return Response(
                status: report.status == "ok" ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// Asks every service at once.
    package func report(traceId: String) async -> Report {
        let results = await withTaskGroup(of: ServiceHealth.self) { group in
            for service in services {
                group.addTask { await self.check(service, traceId: traceId) }
            }
            var collected: [ServiceHealth] = []
            for await result in group { collected.append(result) }
            return collected.sorted { $0.service < $1.service }
        }
        return Report(status: results.allSatisfy { $0.pingMilliseconds != nil } ? "ok" : "degraded", services: results)
    }

    private func check(_ service: String, traceId: String) async -> ServiceHealth {
        var health = ServiceHealth(service: service, available: false)
        do {
            health.available = try await client.isServiceAvailable(service)
        } catch {
            health.problem = "کارگزار پیام (broker) در دسترس نیست."
            return health
        }
        guard health.available else {
            health.problem = "هیچ نمونه‌ای از این سرویس در حال اجرا نیست."
            return health
        }
        let start = ContinuousClock.now
        do {
            let pong = try await client.call(
                Routes.ping(service: service), PingRequest(), timeout: .seconds(2), traceId: traceId)
            health.pingMilliseconds = ((ContinuousClock.now - start).seconds * 1000 * 100).rounded() / 100
            health.instanceId = pong.instanceId
            health.version = pong.version
        } catch let error as BusError {
            health.problem = error.message
        } catch {
            health.problem = ErrorCode.internal.defaultPersianMessage
        }
        return health
    }
}
