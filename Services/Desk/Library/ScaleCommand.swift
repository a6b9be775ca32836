import ArgumentParser

/// `desk scale catalog=3 requests=2`: asks the running desk to start or stop instances so that
/// each named service has that many, then prints the process table.
package struct ScaleCommand: AsyncParsableCommand {
    /// The name, abstract and help of `desk scale`.
    package static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Start or stop instances of services on the running desk.",
        discussion: """
            Services: catalog, requests, identity-verifier (or identity), feedback, notifier;
            0 to 16 instances each. The broker and the gateway run exactly one instance.
            Fails, naming them, when started instances are not ready within the desk's
            --ready-timeout; the desk kills and restarts those like crashed ones.
            """
    )

    /// The shared flags: the control port above all.
    @OptionGroup package var options: DeskOptions

    /// The `service=count` words.
    @Argument(help: "service=count, such as catalog=3 requests=2.")
    package var counts: [String] = []

    /// Makes the command with its defaults; ArgumentParser fills in the flags.
    package init() {}

    /// Checks the arguments before anything runs.
    package func validate() throws {
        do {
            _ = try ScaleRequest(arguments: counts)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Runs the command.
    package func run() async throws {
        let request = try ScaleRequest(arguments: counts)
        // The desk answers once the new instances are ready or have missed the readiness
        // deadline, so the wait outlasts that deadline (this command's --ready-timeout,
        // or MIZ_READY_TIMEOUT, when the desk was started with a longer one).
        let timeout = Duration.seconds(max(300, options.readyTimeout + 120))
        let entries = try await ControlClient(port: options.deskPort).scale(request, timeout: timeout)
        Console().write(DeskTables.processes(entries))
    }
}
