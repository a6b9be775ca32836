import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `catalog-benchmark bare`: the baseline of the HTTP benchmark, a bare Hummingbird app.
///
/// One route, `GET /api/v1/services`, answers every request with the same JSON body: the
/// gateway's real reply to the benchmark's search, captured once with curl and given as
/// `--body`. It sends the headers the gateway's catalog replies carry (`Content-Type`,
/// `ETag`, `Cache-Control` and a W3C `traceparent` of the same length), so both servers put
/// the same bytes on the wire and the difference between them is the gateway's own work,
/// the bus, the broker and the catalog.
struct BareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bare",
        abstract: "Serves GET /api/v1/services with a fixed JSON body: the bare Hummingbird baseline."
    )

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port: Int

    @Option(help: "File holding the JSON body to answer with (the gateway's reply, captured with curl).")
    var body: String

    func run() async throws {
        let json = try Data(contentsOf: URL(fileURLWithPath: body))
        let bytes = ByteBuffer(bytes: json)
        let headers: HTTPFields = [
            .contentType: "application/json; charset=utf-8",
            .eTag: "\"\(Self.fnv1a64Hex(json))\"",
            .cacheControl: "public, no-cache",
            // A fixed W3C trace context, as long as the one the gateway's TraceMiddleware sends.
            .init("traceparent")!: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ]
        var logger = Logger(label: "catalog-benchmark.bare")
        logger.logLevel = .info
        let router = Router()
        router.get("api/v1/services") { _, _ in
            Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "miz"),
            logger: logger)
        logger.info("bare route listening on http://\(host):\(port)/api/v1/services, body \(json.count) bytes")
        try await app.runService()
    }

    /// The FNV-1a 64-bit hash of `bytes` in hex, as the gateway's entity tags are made.
    static func fnv1a64Hex(_ bytes: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
