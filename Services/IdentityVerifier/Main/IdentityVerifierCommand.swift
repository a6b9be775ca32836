import ArgumentParser
import IdentityVerifier
import MizPostgres
import MizRuntime

/// `identity-verifier`: Verifies applicants against the civil registry (ثبت احوال) and mobile ownership (شاهکار).
@main
struct IdentityVerifierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity-verifier",
        abstract: "Verifies applicants against the civil registry (ثبت احوال) and mobile ownership (شاهکار)."
    )

    @OptionGroup var options: RuntimeOptions
    @OptionGroup var identity: IdentityVerifierOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await IdentityVerifierService.run(options: options, identity: identity, database: database)
    }
}
