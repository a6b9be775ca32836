import ArgumentParser

/// `desk`: the operator's launcher. `desk up` runs the whole desk on one machine; from
/// another terminal `desk scale`, `desk status` and `desk call` work on it.
package struct DeskCommand: AsyncParsableCommand {
    /// The name, abstract and help of `desk`.
    package static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "Runs and operates Miz, the electronic service desk, on one machine.",
        discussion: """
            desk up starts the broker, the gateway and one instance of each service, and
            supervises them until Ctrl-C. From another terminal: desk scale catalog=3,
            desk status, desk call catalog.ping '{}'. desk keys makes the CURVE keys of a deployment.
            """,
        subcommands: [
            UpCommand.self, ScaleCommand.self, StatusCommand.self, CallCommand.self, KeysCommand.self,
            AdminCommand.self,
        ]
    )

    /// Makes the command with its defaults; ArgumentParser fills in the flags.
    package init() {}
}

/// A failure that ends a desk command with a message for the operator and exit status 1.
package struct DeskFailure: Error, CustomStringConvertible {
    /// What to tell the operator.
    package var description: String

    /// A failure with the message to print.
    package init(_ description: String) {
        self.description = description
    }
}
