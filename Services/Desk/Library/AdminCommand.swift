import ArgumentParser
import Foundation
import Logging
import MizBus
import MizRuntime
import MizSchema

/// `desk admin create` and `desk admin reset-password`: the operator makes the first national
/// administrator (or recovers a locked-out one) by calling the identity service over the bus
/// as `Caller.service("desk")`. The desk's CURVE key is what proves the operator; the password
/// is read from a file (or standard input with `-`), never from the command line, where
/// other users of the machine could see it.
package struct AdminCommand: AsyncParsableCommand {
    /// The name, abstract and help of `desk admin`.
    package static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Create a national administrator or reset a staff password.",
        discussion: """
            desk admin create --username admin --display-name 'مدیر سامانه' --password-file secret.txt
            desk admin reset-password --username admin --password-file -   (reads the password from stdin)
            """,
        subcommands: [Create.self, ResetPassword.self]
    )

    package init() {}

    /// `desk admin create`.
    package struct Create: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a national administrator.")

        @OptionGroup package var options: DeskOptions
        @Option(help: "The user name (Latin letters, digits, . _ -).") package var username: String
        @Option(help: "The name shown on pages.") package var displayName: String = "مدیر سامانه"
        @Option(help: "A file holding the password on its first line; - for standard input.")
        package var passwordFile: String

        package init() {}

        package func run() async throws {
            let password = try AdminCommand.readPassword(passwordFile)
            let account = try await AdminCommand.call(
                Routes.Identity.staffCreate,
                IdentityStaffCreateRequest(
                    username: username, displayName: displayName, role: .administrator, provinces: [],
                    password: password), options: options)
            Console().write("administrator \(account.username) created (id \(account.id))\n")
        }
    }

    /// `desk admin reset-password`.
    package struct ResetPassword: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new password for a staff account.")

        @OptionGroup package var options: DeskOptions
        @Option(help: "The account's user name.") package var username: String
        @Option(help: "A file holding the new password on its first line; - for standard input.")
        package var passwordFile: String

        package init() {}

        package func run() async throws {
            let password = try AdminCommand.readPassword(passwordFile)
            let account = try await AdminCommand.call(
                Routes.Identity.staffResetPassword,
                IdentityStaffPasswordRequest(username: username, password: password),
                options: options)
            Console().write("password of \(account.username) reset; its sessions are ended\n")
        }
    }

    /// The first line of the file (or standard input), without its line break.
    static func readPassword(_ path: String) throws -> String {
        let text: String?
        if path == "-" {
            text = readLine(strippingNewline: true)
        } else {
            text = (try? String(contentsOfFile: path, encoding: .utf8))?.split(
                separator: "\n", omittingEmptySubsequences: false
            ).first.map(String.init)
        }
        guard let text, !text.isEmpty else { throw DeskFailure("no password in \(path)") }
        return text.hasSuffix("\r") ? String(text.dropLast()) : text
    }

    /// Calls an identity route as the desk and returns its reply, or fails with its message.
    static func call<Request: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Request, Reply>, _ request: Request, options: DeskOptions
    ) async throws -> Reply {
        var logger = Logger(label: "miz.desk.admin", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        let client = try BusClient(
            .init(brokers: options.brokerEndpoints, curve: try CallCommand.curve(options)), logger: logger)
        do {
            let reply = try await client.call(route, request, timeout: .seconds(15), caller: .service("desk"))
            await client.shutdown()
            return reply
        } catch let error as BusError {
            await client.shutdown()
            let fields = error.fields.map { "\n  \($0.field): \($0.message)" }.joined()
            throw DeskFailure("\(route.name): \(error.code.rawValue): \(error.message)\(fields)")
        }
    }
}
