import ArgumentParser
import Catalog
import Foundation
import IdentityVerifier
import MizSchema

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `requests-benchmark submit`: applications through a running desk's gateway.
///
/// Logs `--citizens` synthetic citizens of the embedded registry in through the real HTTP
/// login (the code read from `/dev/sms`, so the desk runs in development mode), then keeps
/// `--concurrency` submissions in flight for `--duration` seconds: `POST /api/v1/requests`,
/// multipart, one ~200 KB PDF per mandatory document of the chosen service, a fresh
/// `Idempotency-Key` each. Each citizen sends its own `X-Forwarded-For`; the gateway must run
/// with `--trusted-proxy 127.0.0.1` (a load balancer in front, in production terms).
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Measures POST /api/v1/requests against a running desk (submissions/s, latency)."
    )

    @Option(help: "The gateway's base address.")
    var gateway = "http://127.0.0.1:8080"

    @Option(help: "Citizens logged in and submitting, round robin.")
    var citizens = 300

    @Option(help: "Submissions in flight.")
    var concurrency = 32

    @Option(help: "Seconds of submitting.")
    var duration = 20

    @Option(help: "The province applied in (slug).")
    var province = "tehran"

    @Option(help: "The service applied for (code); default: the one in --province with the fewest PDFs to attach.")
    var service: String?

    @Option(help: "Size of each document, KB.")
    var documentKB = 200

    @Option(help: "Population of the desk's embedded registry (identity-verifier --registry-population).")
    var registryPopulation = SyntheticPopulation.defaultCount

    func run() async throws {
        guard let base = URL(string: gateway) else { throw ValidationError("Bad gateway address.") }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = concurrency + 8
        configuration.timeoutIntervalForRequest = 60
        let client = DeskClient(base: base, session: URLSession(configuration: configuration))
        let profiles = try SeedCatalog.bundled().profiles(at: Date())
        guard let profile = SubmissionForm.service(service, in: province, from: profiles, kilobytes: documentKB) else {
            throw ValidationError("No service in \(province) takes \(documentKB) KB PDFs.")
        }
        let document = SubmissionForm.pdf(kilobytes: documentKB)
        let people = Array(
            SyntheticPopulation.generate(count: registryPopulation, seed: SyntheticPopulation.defaultSeed).prefix(
                citizens))
        print(
            "submit: service \(profile.code) in \(province), \(profile.documents.filter(\.mandatory).count) PDF(s) of "
                + "\(document.count / 1_024) KB each; \(people.count) citizens, each its own X-Forwarded-For "
                + "(the gateway trusts 127.0.0.1 as a load balancer in front)")
        let loginStart = ContinuousClock.now
        var sessions: [(token: String, address: String, body: Data)] = []
        try await withThrowingTaskGroup(of: (String, String, Data).self) { group in
            for (index, person) in people.enumerated() {
                if index >= 8 { if let done = try await group.next() { sessions.append(done) } }
                group.addTask {
                    let address = "10.\(index / 65_536).\(index / 256 % 256).\(index % 256)"
                    let token = try await client.login(
                        nationalCode: person.nationalCode, mobile: person.mobile, address: address)
                    let body = try SubmissionForm.body(
                        profile: profile, province: province,
                        applicant: IdentityVerifyRequest(
                            nationalCode: person.nationalCode, birthDate: person.birthDate,
                            firstName: person.firstName, lastName: person.lastName, mobile: person.mobile),
                        document: document)
                    return (token, address, body)
                }
            }
            for try await done in group { sessions.append(done) }
        }
        print(
            "submit: \(sessions.count) citizens logged in in \(Self.format((ContinuousClock.now - loginStart).milliseconds / 1_000)) s"
        )
        let frozen = sessions
        let start = ContinuousClock.now
        let deadline = start + .seconds(duration)
        let results = await withTaskGroup(of: ([Double], [Int: Int]).self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var latencies: [Double] = []
                    var failures: [Int: Int] = [:]
                    var turn = worker
                    while ContinuousClock.now < deadline {
                        let session = frozen[turn % frozen.count]
                        turn += concurrency
                        let sent = ContinuousClock.now
                        let status =
                            (try? await client.submit(
                                form: session.body, boundary: SubmissionForm.boundary, token: session.token,
                                address: session.address)) ?? 0
                        if status == 201 {
                            latencies.append((ContinuousClock.now - sent).milliseconds)
                        } else {
                            failures[status, default: 0] += 1
                        }
                    }
                    return (latencies, failures)
                }
            }
            var all: ([Double], [Int: Int]) = ([], [:])
            for await (latencies, failures) in group {
                all.0 += latencies
                all.1.merge(failures, uniquingKeysWith: +)
            }
            return all
        }
        let elapsed = (ContinuousClock.now - start).milliseconds / 1_000
        let statistics = LatencyStatistics(results.0)
        let errors = results.1.sorted { $0.key < $1.key }.map {
            "\($0.key == 0 ? "no response" : "HTTP \($0.key)"): \($0.value)"
        }
        print(
            "submit: \(statistics.count) created in \(Self.format(elapsed)) s with \(concurrency) in flight: "
                + "\(Self.format(Double(statistics.count) / elapsed)) submissions/s, p50 \(Self.format(statistics.p50)) ms, "
                + "p99 \(Self.format(statistics.p99)) ms, max \(Self.format(statistics.max)) ms; errors: "
                + (errors.isEmpty ? "none" : errors.joined(separator: ", ")))
    }

    /// Two decimals.
    static func format(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
