import MizSchema

/// One file input of a request form: a required document of the profile with its accepted
/// types and size limit.
package struct RequestDocumentInput: Sendable {
    package var id: String
    package var key: String
    package var title: String
    package var description: String
    package var typesText: String
    package var sizeText: String
    package var accept: String
    package var mandatory: Bool
    package var problem: String?

    /// The input of `document`.
    package init(_ document: RequiredDocument, problem: String?) {
        id = "document-\(document.key)"
        key = document.key
        title = document.title
        description = document.description
        typesText = WebFormat.fileTypes(document.acceptedTypes)
        sizeText = WebFormat.fileSize(kilobytes: document.maxSizeKB)
        accept = document.acceptedTypes.flatMap { type in type.fileExtensions.map { ".\($0)" } + [type.mediaType] }
            .joined(separator: ",")
        mandatory = document.mandatory
        self.problem = problem
    }
}
