import ArgumentParser
import Desk

/// The `desk` executable: everything is in the Desk library.
@main
enum DeskMain {
    /// Parses the command line and runs the subcommand.
    static func main() async {
        await DeskCommand.main()
    }
}
