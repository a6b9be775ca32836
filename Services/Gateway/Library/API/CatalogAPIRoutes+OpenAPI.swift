import Foundation

extension CatalogAPIRoutes {
    /// The OpenAPI 3.1 document of the API, `Resources/openapi.json` in the Gateway bundle:
    /// the contract that the routes follow and the tests check, served at
    /// `/api/v1/openapi.json`. Empty when the file is missing from the bundle (a packaging
    /// fault that the route answers with 500 and the contract test catches).
    package static var openAPIDocument: Data {
        storedOpenAPIDocument ?? Data()
    }

    /// The document read once from the bundle.
    private static let storedOpenAPIDocument: Data? = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources")
        else { return nil }
        return try? Data(contentsOf: url)
    }()

    /// The document as a reply, its tag made once; nil when it is missing.
    static let openAPIReply: APIReply? = storedOpenAPIDocument.map { APIReply(json: $0) }
}
