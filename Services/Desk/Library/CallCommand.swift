import ArgumentParser
import Foundation
import Logging
import MizBus
import MizRuntime
import MizSchema

/// `desk call catalog.ping '{}'`: calls any route through the bus, like grpcurl, and prints
/// the reply's payload as pretty JSON (attachment sizes go to standard error).
package struct CallCommand: AsyncParsableCommand {
    /// The name, abstract and help of `desk call`.
    package static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call a route through the bus and print the reply.",
        discussion: """
            Exit status 0 on a reply, 1 on an error reply (printed as JSON) or when no reply
            came. Uses the CURVE keys in <data>/keys unless --curve off.
            """
    )

    /// The shared flags: data folder, broker port, CURVE.
    @OptionGroup package var options: DeskOptions

    /// The route to call.
    @Argument(help: "The route, service.action, such as catalog.ping.")
    package var route: String

    /// The payload, JSON.
    @Argument(help: "The request payload as JSON.")
    package var json: String = "{}"

    /// Seconds to wait for the reply.
    @Option(help: "Seconds to wait for the reply; also the call's deadline.")
    package var timeout: Double = 5

    /// The caller, as JSON, if any.
    @Option(help: "Who is calling, as the JSON of a Caller, such as '{\"kind\":\"anonymous\"}'.")
    package var caller: String?

    /// Makes the command with its defaults; ArgumentParser fills in the flags.
    package init() {}

    /// Checks the arguments before anything runs.
    package func validate() throws {
        guard !route.isEmpty, !route.hasPrefix("."), !route.contains(where: \.isWhitespace) else {
            throw ValidationError("'\(route)' is not a route; give service.action, such as catalog.ping")
        }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be 0 to 3600 seconds") }
        _ = try payload()
        _ = try decodedCaller()
    }

    /// Runs the command.
    package func run() async throws {
        let console = Console()
        let message = BusMessage(
            envelope: Envelope(
                route: route, deadline: Date().addingTimeInterval(timeout), caller: try decodedCaller()),
            payload: try payload())
        var logger = Logger(label: "miz.desk.call", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        let client = try BusClient(.init(brokers: options.brokerEndpoints, curve: try curve()), logger: logger)
        let reply: BusMessage
        do {
            reply = try await client.send(message, retryable: false, timeout: .milliseconds(Int64(timeout * 1000)))
        } catch let error as BusError {
            await client.shutdown()
            console.write(Self.pretty((try? WireCoding.encoder.encode(error)) ?? Data()) + "\n")
            console.error(
                "desk: no reply from \(route) through \(options.brokerEndpoints.joined(separator: ", ")): \(error.code.rawValue) (is the desk running?)"
            )
            throw ExitCode.failure
        } catch {
            await client.shutdown()
            throw DeskFailure("the call failed: \(error)")
        }
        await client.shutdown()
        console.write(Self.pretty(reply.payload) + "\n")
        for (index, attachment) in reply.attachments.enumerated() {
            console.error("attachment \(index + 1): \(attachment.count) bytes")
        }
        if reply.envelope.outcome == .error {
            let code = (try? WireCoding.decoder.decode(BusError.self, from: reply.payload))?.code.rawValue ?? "error"
            console.error("desk: \(route) answered with an error: \(code)")
            throw ExitCode.failure
        }
    }

    /// The payload, checked to be JSON.
    private func payload() throws -> Data {
        let data = Data(json.utf8)
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw ValidationError("the request payload is not valid JSON: \(json)")
        }
        return data
    }

    private func decodedCaller() throws -> Caller? {
        guard let caller else { return nil }
        do {
            return try WireCoding.decoder.decode(Caller.self, from: Data(caller.utf8))
        } catch {
            throw ValidationError(
                "--caller is not the JSON of a Caller (kind: anonymous, citizen, staff or service): \(caller)")
        }
    }

    /// The CURVE settings from `<data>/keys`, or nil with `--curve off`.
    private func curve() throws -> BusCurve? {
        try Self.curve(options)
    }

    /// The desk's CURVE settings from the keys folder of `options`, or nil with `--curve off`.
    package static func curve(_ options: DeskOptions) throws -> BusCurve? {
        guard options.curve == .on else { return nil }
        let store = CurveKeyStore(folder: options.keysFolder)
        let brokerKey = options.keysFolder.appendingPathComponent("broker.pub")
        guard FileManager.default.fileExists(atPath: brokerKey.path) else {
            throw DeskFailure(
                "no broker key at \(brokerKey.path): start the desk with `desk up --data \(options.data)`, or give --data or --curve off"
            )
        }
        do {
            return BusCurve(keys: try store.clientKeys(named: "desk"), brokerPublicKey: try store.brokerPublicKey())
        } catch {
            throw DeskFailure("cannot read the CURVE keys in \(options.keysFolder.path): \(error)")
        }
    }

    /// The JSON pretty-printed with sorted keys, or the text as it came when it is not JSON.
    package static func pretty(_ data: Data) -> String {
        PrettyJSON.format(data) ?? String(decoding: data, as: UTF8.self)
    }
}
