import ArgumentParser
import Foundation
import Logging
import MizBus
import MizRuntime
import MizSchema

/// `desk admin create`, `reset-password`, `disable` and `enable`: the operator makes the first
/// national administrator, recovers a locked-out one, or shuts an account from the machine (a
/// leaked password when nobody can log in to the web) by calling the identity service over the
/// bus as `Caller.service("desk")`, which the audit log records as the actor `desk`. The desk's CURVE key is what proves the operator; the password
/// is read from a file (or standard input with `-`), never from the command line, where
/// other users of the machine could see it.
package struct AdminCommand: AsyncParsableCommand {
    /// The name, abstract and help of `desk admin`.
    package static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Create a national administrator, reset a staff password, disable or enable an account.",
        discussion: """
            desk admin create --username admin --display-name 'مدیر سامانه' --password-file secret.txt
            desk admin reset-password --username admin --password-file -   (reads the password from stdin)
            desk admin disable fars1                                  (ends the account's sessions at once)
            desk admin disable admin --even-if-last-administrator     (recovery: then create a new one)
            desk admin enable fars1
            """,
        subcommands: [Create.self, ResetPassword.self, Disable.self, Enable.self]
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

    /// `desk admin disable`: the account can no longer log in and its open sessions end at once.
    package struct Disable: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "disable",
            abstract: "Disable a staff account and end its open sessions.",
            discussion: """
                The last enabled national administrator stays enabled unless \
                --even-if-last-administrator is given; then nobody can manage accounts on the web \
                until `desk admin create` or `desk admin enable` gives the desk an administrator again.
                """)

        @OptionGroup package var options: DeskOptions
        @Argument(help: "The account's user name.") package var username: String
        @Flag(help: "Disable the account even when it is the last enabled national administrator.")
        package var evenIfLastAdministrator = false

        package init() {}

        package func run() async throws {
            let account = try await AdminCommand.call(
                Routes.Identity.staffUpdate,
                IdentityStaffUpdateRequest(
                    username: username, enabled: false,
                    evenIfLastAdministrator: evenIfLastAdministrator ? true : nil),
                options: options,
                explanations: [
                    .notFound: "no staff account is named \(username)",
                    .conflict:
                        "\(username) is the last enabled national administrator; "
                        + "pass --even-if-last-administrator to disable it all the same",
                ])
            Console().write("account \(account.username) disabled; its open sessions are ended\n")
        }
    }

    /// `desk admin enable`: a disabled account may log in again.
    package struct Enable: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "enable", abstract: "Enable a disabled staff account again.")

        @OptionGroup package var options: DeskOptions
        @Argument(help: "The account's user name.") package var username: String

        package init() {}

        package func run() async throws {
            let account = try await AdminCommand.call(
                Routes.Identity.staffUpdate, IdentityStaffUpdateRequest(username: username, enabled: true),
                options: options, explanations: [.notFound: "no staff account is named \(username)"])
            Console().write("account \(account.username) enabled; it may log in again\n")
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

    /// Calls an identity route as the desk and returns its reply, or fails with its message:
    /// the English explanation of its code, when there is one, then the service's Persian words.
    static func call<Request: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Request, Reply>, _ request: Request, options: DeskOptions,
        explanations: [ErrorCode: String] = [:]
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
            let explanation = explanations[error.code].map { "\($0)\n  " } ?? ""
            throw DeskFailure("\(route.name): \(error.code.rawValue): \(explanation)\(error.message)\(fields)")
        }
    }
}
