import ArgumentParser
import Gateway
import MizRuntime

/// `gateway`: the desk's HTTP face for browsers, the mobile app and other systems.
@main
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Serves the desk's web pages and JSON API over HTTP; everything else goes through the bus."
    )

    @OptionGroup var options: RuntimeOptions
    @OptionGroup var gateway: GatewayOptions

    func run() async throws {
        try await GatewayService.run(options: options, gateway: gateway)
    }
}
