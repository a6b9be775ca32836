import ArgumentParser
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Synchronization

/// Calls the echo server with a fixed number of unary calls, `concurrency` of them in flight
/// over one HTTP/2 connection, after a warm-up that is not counted, and prints one JSON line:
/// `{"calls":…,"seconds":…,"p50":…,"p99":…,"userSeconds":…,"systemSeconds":…}` (latencies in
/// microseconds; the CPU time this process used over the measured calls).
struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measures unary echo calls and prints JSON.")

    @Option(help: "The server's TCP port on 127.0.0.1.")
    var port: Int = 5591

    @Option(help: "Payload size in bytes.")
    var size: Int = 100

    @Option(help: "Measured calls.")
    var count: Int = 5000

    @Option(help: "Warm-up calls, not measured.")
    var warmup: Int = 500

    @Option(help: "Calls in flight at once.")
    var concurrency: Int = 1

    func validate() throws {
        guard size >= 0, count > 0, warmup >= 0, concurrency > 0 else {
            throw ValidationError("size and warmup must be ≥ 0, count and concurrency > 0")
        }
    }

    func run() async throws {
        let payload = [UInt8](repeating: 0x61, count: size)
        let (figures, cpu) = try await withGRPCClient(
            transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext)
        ) { client in
            _ = try await measure(client: client, payload: payload, calls: warmup)
            let before = processCPUTime()
            let figures = try await measure(client: client, payload: payload, calls: count)
            let after = processCPUTime()
            return (figures, (user: after.user - before.user, system: after.system - before.system))
        }
        let sorted = figures.latencies.sorted()
        let line: [String: Double] = [
            "calls": Double(count),
            "seconds": figures.seconds,
            "p50": percentile(sorted, 0.50),
            "p99": percentile(sorted, 0.99),
            "userSeconds": cpu.user,
            "systemSeconds": cpu.system,
        ]
        let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// Makes `calls` calls with `concurrency` tasks that each take the next call from a shared
    /// counter; returns the wall time and every call's latency in microseconds.
    private func measure(
        client: GRPCClient<HTTP2ClientTransport.Posix>,
        payload: [UInt8],
        calls: Int
    ) async throws -> (seconds: Double, latencies: [Double]) {
        guard calls > 0 else { return (0, []) }
        let countdown = Countdown(calls)
        let clock = ContinuousClock()
        let start = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<min(concurrency, calls) {
                group.addTask {
                    var mine: [Double] = []
                    while countdown.take() {
                        let began = clock.now
                        let reply = try await client.unary(
                            request: ClientRequest(message: payload),
                            descriptor: EchoMethod.descriptor,
                            serializer: RawBytesSerializer(),
                            deserializer: RawBytesDeserializer(),
                            options: .defaults
                        ) { try $0.message }
                        guard reply.count == payload.count else { throw EchoMismatch() }
                        mine.append(microseconds(clock.now - began))
                    }
                    return mine
                }
            }
            var all: [Double] = []
            all.reserveCapacity(calls)
            for try await part in group { all += part }
            return all
        }
        return (microseconds(clock.now - start) / 1e6, latencies)
    }
}

/// A shared count of calls still to make.
final class Countdown: Sendable {
    private let remaining: Atomic<Int>

    init(_ count: Int) { remaining = Atomic(count) }

    /// Takes one call; false when none is left.
    func take() -> Bool {
        remaining.subtract(1, ordering: .relaxed).oldValue > 0
    }
}

/// The echo came back with a different size than was sent.
struct EchoMismatch: Error {}

/// The user and system CPU time this process has used, in seconds.
func processCPUTime() -> (user: Double, system: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return (seconds(usage.ru_utime), seconds(usage.ru_stime))
}

/// A duration in microseconds.
func microseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
}

/// The value below which the fraction `p` of the sorted values lies (nearest rank).
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}
