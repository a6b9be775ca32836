import Foundation
import MizBus
import MizPostgres
import MizSchema
import MizStorageTesting
import Testing

/// Two real `notifier` processes sharing one PostgreSQL outbox through a real broker.
@Suite("Notifiers on PostgreSQL with real processes", .serialized)
struct PostgresNotifierSystemTests {
    /// One line of a notifier's file provider (`sms-outbox.jsonl`), the fields this test reads.
    private struct SentSMS: Decodable {
        var to: String
        var eventId: String
    }

    /// Every SMS the instances' file providers sent, from their data folders.
    private func sent(in folders: [URL]) throws -> [SentSMS] {
        try folders.flatMap { folder -> [SentSMS] in
            let file = folder.appendingPathComponent("sms-outbox.jsonl")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
            return try text.split(separator: "\n").map { try JSONDecoder().decode(SentSMS.self, from: Data($0.utf8)) }
        }
    }

    @Test("two notifiers share one outbox: every SMS is sent once, by one of them")
    func twoNotifiersSendEachSMSOnce() async throws {
        try await TestDatabase.withFreshSchema { database in
            let text = ProcessInfo.processInfo.environment[TestDatabase.variable] ?? ""
            let url = text + (text.contains("?") ? "&" : "?") + "schema=\(database.schema)"
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let port = FreePort.next()
            let broker = try RunningProcess(
                "broker",
                [
                    "--bind", "tcp://127.0.0.1:\(port)", "--curve", "off", "--heartbeat-interval", "0.3",
                    "--liveness", "3", "--ops-port", "0", "--data", folder.url.path,
                ],
                folder: folder.url)
            let instances = ["notifier-a", "notifier-b"]
            let folders = instances.map { folder.url.appendingPathComponent($0) }
            let notifiers = try instances.map { instance in
                try RunningProcess(
                    "notifier",
                    [
                        "--broker", "tcp://127.0.0.1:\(port)", "--curve", "off", "--heartbeat-interval", "0.3",
                        "--ops-port", "0", "--instance", instance, "--data",
                        folder.url.appendingPathComponent(instance).path, "--database-pool-max", "4",
                    ],
                    name: instance, folder: folder.url, environment: ["MIZ_DATABASE_URL": url])
            }
            let client = try BusClient(.init(brokers: ["tcp://127.0.0.1:\(port)"], attemptTimeout: .seconds(2)))
            let ping = Routes.ping(service: "notifier")
            #expect(
                await waitUntil(.seconds(60)) {
                    var seen: Set<String> = []
                    for _ in 0..<20 { seen.insert(try await client.call(ping, PingRequest()).instanceId) }
                    return seen.count == 2
                }, "\(notifiers.map(\.output))")

            let count = 40
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask {
                        let request = NotifierSendRequest(
                            eventId: "system-\(index)", recipient: "0912\(1_000_000 + index)",
                            template: .requestReceived,
                            parameters: ["processNumber": "1405-23-000123", "trackingCode": "K7P2-9QXM"])
                        _ = try await client.call(Routes.Notifier.send, request, caller: .service("requests"))
                        // A retry of the same event through the other instance changes nothing.
                        _ = try await client.call(Routes.Notifier.send, request, caller: .service("requests"))
                    }
                }
                try await group.waitForAll()
            }
            let delivered = await waitUntil(.seconds(60)) { try sent(in: folders).count >= count }
            #expect(delivered, "\(notifiers.map(\.output))")
            let messages = try sent(in: folders)
            #expect(messages.count == count, "each SMS once")
            #expect(Set(messages.map(\.eventId)) == Set((0..<count).map { "system-\($0)" }))
            for index in [0, count - 1] {
                let receipt = try await client.call(
                    Routes.Notifier.status, NotifierStatusRequest(eventId: "system-\(index)"),
                    caller: .service("requests"))
                #expect(receipt.status == .delivered && receipt.attempts == 1)
            }
            await client.shutdown()
            for notifier in notifiers { await notifier.stop() }
            await broker.stop()
        }
    }
}
