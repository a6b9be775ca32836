import Foundation
import MizBus
import Testing
import ZeroMQ

/// What a worker's `isConnected` (and so a service's `/ready`) means: a broker has spoken.
@Suite("Worker contact")
struct WorkerContactTests {
    @Test("a worker whose connection is accepted but never answered is not connected")
    func silentPeerIsNoContact() async throws {
        // A ROUTER that accepts the worker's connections and reads them, like a broker that
        // is frozen (SIGSTOP) or not a broker at all, but never says anything.
        let silent = try ZMQSocket(.router)
        defer { silent.close() }
        try silent.bind("tcp://127.0.0.1:*")
        let endpoint = try #require(silent.lastEndpoint)
        let harness = try BusHarness()
        let worker = try harness.worker(concurrency: 1, brokers: [endpoint])
        let running = start(worker)

        // Once the worker has sent a heartbeat, it has checked its contact since it connected
        // (heartbeats are sent from that check); with nothing heard it must not claim any.
        var sawHeartbeat = false
        let end = ContinuousClock.now.advanced(by: .seconds(15))
        while !sawHeartbeat && ContinuousClock.now < end {
            if let frames = try silent.receive(dontWait: true) {
                sawHeartbeat = frames.count >= 4 && frames[3] == Data([0x04])
            } else {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        #expect(sawHeartbeat, "the worker never sent a heartbeat to the silent peer")
        #expect(!worker.isConnected)

        worker.shutdown()
        await running.value
        await harness.stop()
    }
}
