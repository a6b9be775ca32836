import ArgumentParser
import Foundation
import MizSchema

/// `bus-benchmark codec`: times, in this process alone, the JSON work one echo call does on
/// the bus, so the write-up can say how much of a call's CPU is envelope coding.
///
/// A call encodes the request envelope and payload (client), decodes both and encodes the
/// reply's (worker), and decodes the reply's envelope and payload (client; the header is read
/// twice there, once by the socket thread to match the reply and once by the caller).
struct CodecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codec",
        abstract: "Times the JSON coding of an envelope and an empty payload, as one echo call does it."
    )

    @Option(help: "Iterations per operation.")
    var iterations: Int = 50_000

    func run() throws {
        let envelope = Envelope(route: EchoRoutes.say.name, deadline: Date().addingTimeInterval(10))
        let header = try WireCoding.encoder.encode(envelope)
        let payload = try WireCoding.encoder.encode(EchoRequest())
        let frames = [header, payload, Data(repeating: 0x61, count: 100)]
        let operations: [(String, () throws -> Void)] = [
            ("encode Envelope", { _ = try WireCoding.encoder.encode(envelope) }),
            ("decode Envelope", { _ = try WireCoding.decoder.decode(Envelope.self, from: header) }),
            ("encode empty payload", { _ = try WireCoding.encoder.encode(EchoRequest()) }),
            ("decode empty payload", { _ = try WireCoding.decoder.decode(EchoRequest.self, from: payload) }),
            ("BusMessage(bodyFrames:)", { _ = try BusMessage(bodyFrames: frames) }),
            ("new trace id + message id", { _ = (Envelope.makeTraceId(), Envelope.makeMessageId()) }),
        ]
        print("header: \(header.count) bytes: \(String(decoding: header, as: UTF8.self))")
        let clock = ContinuousClock()
        for (name, operation) in operations {
            for _ in 0..<(iterations / 10) { try operation() }
            let start = clock.now
            for _ in 0..<iterations { try operation() }
            let each = microseconds(clock.now - start) / Double(iterations)
            print("\(name): \((each * 100).rounded() / 100) µs")
        }
    }
}
