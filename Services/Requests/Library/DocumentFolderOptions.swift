import ArgumentParser
import MizRuntime

/// Where the requests service keeps uploaded documents' bytes: in its database (the default)
/// or in a folder every instance shares.
package struct DocumentFolderOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("documents-folder"),
        help: """
            Folder for uploaded documents, shared by every requests instance (a volume or an NFS \
            export) and backed up with the database; empty keeps them in the database \
            (MIZ_DOCUMENTS_FOLDER).
            """)
    package var documentsFolder: String = EnvironmentDefault.string("MIZ_DOCUMENTS_FOLDER", "")

    package init() {}

    /// The folder the flags choose, opened; nil keeps documents in the database.
    ///
    /// - Throws: `DocumentVaultError.unusable` when the folder cannot be made or written.
    package func vault() throws -> DocumentFolder? {
        documentsFolder.isEmpty ? nil : try DocumentFolder(path: documentsFolder)
    }
}
