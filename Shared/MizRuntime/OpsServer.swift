import Foundation
import Hummingbird
import Logging
import Prometheus

/// The small HTTP server every executable runs beside its real work: `/live` (the process
/// answers), `/ready` (connected to a broker and storage open), `/metrics` (Prometheus) and,
/// where the process has one, `/status` (JSON for operators' tools).
package enum OpsServer {
    /// Builds the ops application; it runs as a `Service` in the process's service group.
    package static func make(
        host: String,
        port: Int,
        registry: PrometheusCollectorRegistry,
        logger: Logger,
        isReady: @escaping @Sendable () async -> Bool,
        status: (@Sendable () async -> Data)? = nil
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("live") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "live\n")))
        }
        router.get("ready") { _, _ in
            let ready = await isReady()
            return Response(
                status: ready ? .ok : .serviceUnavailable,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: ready ? "ready\n" : "not ready\n")))
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        if let status {
            router.get("status") { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(data: await status())))
            }
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "miz-ops"),
            logger: logger
        )
    }
}

extension ByteBuffer {
    init(data: Data) {
        self.init(bytes: data)
    }
}
