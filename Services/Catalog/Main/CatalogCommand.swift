import ArgumentParser
import Catalog
import MizPostgres
import MizRuntime

/// `catalog`: Serves the catalog of services and their profiles (شناسنامه خدمت).
@main
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Serves the catalog of services and their profiles (شناسنامه خدمت)."
    )

    @OptionGroup var options: RuntimeOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await CatalogService.run(options: options, database: database)
    }
}
