import ArgumentParser
import Foundation
import MizRuntime

/// `desk keys`: makes the CURVE keys of a deployment in one folder, laid out as every process
/// reads them, so that an operator can turn them into secrets (Kubernetes, compose, or files
/// copied to other machines) before anything runs.
package struct KeysCommand: ParsableCommand {
    /// The name, abstract and help of `desk keys`.
    package static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make the CURVE keys of a deployment: the brokers' pair and one pair per process.",
        discussion: """
            Writes <folder>/broker.key and broker.pub, <process>.key for gateway, catalog,
            requests, identity-verifier, feedback, notifier and desk, and
            <folder>/authorized/<process>.pub, the brokers' allow-list. Keys already there are
            kept, so running it again adds only what is missing. The .key files are secrets.
            """
    )

    /// The folder to write the keys to.
    @Option(help: "Folder to write the keys to; made when missing.")
    package var keys: String = "keys"

    /// Makes the command with its defaults; ArgumentParser fills in the flags.
    package init() {}

    /// The processes that connect to the brokers: the gateway, the services and `desk call`.
    package static let clients = ProcessKind.allCases.filter { $0 != .broker }.map(\.executable) + ["desk"]

    /// Runs the command.
    package func run() throws {
        let folder = URL(fileURLWithPath: keys, isDirectory: true).standardizedFileURL
        let store = CurveKeyStore(folder: folder)
        do {
            _ = try store.brokerKeys()
            for name in Self.clients {
                _ = try store.clientKeys(named: name)
            }
        } catch {
            throw DeskFailure("cannot write the keys in \(folder.path): \(error)")
        }
        let console = Console()
        console.line(
            "keys in \(folder.path): broker.key, broker.pub, \(Self.clients.map { "\($0).key" }.joined(separator: ", "))"
        )
        console.line(
            "allow-list in \(store.authorizedFolder.path): \(Self.clients.map { "\($0).pub" }.joined(separator: ", "))")
    }
}
