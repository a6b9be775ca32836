import Foundation
import Gateway
import HTTPTypes
import MizSchema
import Testing

/// The OpenAPI document read as plain JSON, with `$ref`s followed inside it.
struct OpenAPIContract {
    let root: [String: Any]

    init(_ data: Data) throws {
        root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The documented operations: path, method and operation object.
    var operations: [(path: String, method: String, operation: [String: Any])] {
        let paths = root["paths"] as? [String: Any] ?? [:]
        return paths.keys.sorted().flatMap { path in
            let item = paths[path] as? [String: Any] ?? [:]
            return item.keys.sorted().compactMap { method in
                (item[method] as? [String: Any]).map { (path, method, $0) }
            }
        }
    }

    /// `value` with its `$ref` followed, repeatedly.
    func resolved(_ value: Any?) -> [String: Any]? {
        guard var object = value as? [String: Any] else { return nil }
        while let reference = object["$ref"] as? String, reference.hasPrefix("#/") {
            var target: Any? = root
            for part in reference.dropFirst(2).split(separator: "/") {
                target = (target as? [String: Any])?[String(part)]
            }
            guard let next = target as? [String: Any] else { return nil }
            object = next
        }
        return object
    }

    /// The parameters of an operation, resolved.
    func parameters(of operation: [String: Any]) -> [[String: Any]] {
        (operation["parameters"] as? [Any] ?? []).compactMap { resolved($0) }
    }

    /// The JSON schema of an operation's response with a status, resolved; nil when the
    /// status is not documented, an empty schema when it has no JSON body.
    func responseSchema(of operation: [String: Any], status: Int) -> [String: Any]? {
        guard let response = resolved((operation["responses"] as? [String: Any])?[String(status)]) else { return nil }
        let content = response["content"] as? [String: Any]
        return resolved((content?["application/json"] as? [String: Any])?["schema"]) ?? [:]
    }

    /// The differences between a JSON value and a schema: a missing required property or an
    /// undocumented one, at any depth reached through objects and arrays.
    func mismatches(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        if let object = value as? [String: Any], let properties = schema["properties"] as? [String: Any] {
            var found: [String] = []
            let required = schema["required"] as? [String] ?? []
            for name in required where object[name] == nil { found.append("\(path).\(name) is missing") }
            for (name, child) in object {
                guard let childSchema = resolved(properties[name]) else {
                    found.append("\(path).\(name) is not documented")
                    continue
                }
                found += mismatches(child, childSchema, at: "\(path).\(name)")
            }
            return found
        }
        if let array = value as? [Any], let items = resolved(schema["items"]) {
            return array.prefix(3).enumerated().flatMap { mismatches($1, items, at: "\(path)[\($0)]") }
        }
        return []
    }
}

@Suite("Catalog API: the OpenAPI contract", .serialized)
struct CatalogAPIContractTests {
    /// The paths the gateway's JSON API serves; the document must name exactly these.
    static let servedPaths: Set<String> = [
        "/api/v1/services", "/api/v1/services/{code}", "/api/v1/provinces", "/api/v1/categories", "/api/v1/health",
        "/api/v1/openapi.json", "/api/v1/auth/citizen/start", "/api/v1/auth/citizen/verify",
        "/api/v1/auth/staff/login", "/api/v1/auth/logout", "/api/v1/auth/me", "/api/v1/staff",
        "/api/v1/staff/{username}/password", "/api/v1/staff/{username}", "/api/v1/audit",
        "/api/v1/feedback/surveys", "/api/v1/feedback/surveys/edit", "/api/v1/feedback/surveys/{processNumber}",
        "/api/v1/feedback/complaints", "/api/v1/feedback/complaints/{trackingNumber}",
        "/api/v1/feedback/complaints/{trackingNumber}/attachment",
        "/api/v1/feedback/complaints/{trackingNumber}/review",
        "/api/v1/feedback/complaints/{trackingNumber}/answer", "/api/v1/feedback/complaints/{trackingNumber}/close",
        "/api/v1/feedback/messages/challenge", "/api/v1/feedback/messages",
        "/api/v1/feedback/messages/{messageNumber}/close", "/api/v1/feedback/statistics",
        "/api/v1/requests", "/api/v1/requests/{requestId}",
        "/api/v1/requests/{requestId}/documents/{documentId}", "/api/v1/requests/{requestId}/result",
        "/api/v1/requests/{requestId}/fix", "/api/v1/requests/{requestId}/withdraw", "/api/v1/tracking",
    ]

    /// The officials' inbox paths (`InboxAPIRoutes`).
    static let inboxPaths: Set<String> = [
        "/api/v1/inbox", "/api/v1/inbox/{requestId}", "/api/v1/inbox/{requestId}/documents/{documentId}",
        "/api/v1/inbox/{requestId}/claim", "/api/v1/inbox/{requestId}/notes", "/api/v1/inbox/{requestId}/fix",
        "/api/v1/inbox/{requestId}/approve", "/api/v1/inbox/{requestId}/reject", "/api/v1/holidays",
        "/api/v1/holidays/remove",
    ]

    /// The administrators' catalog paths (`CatalogAdminAPIRoutes`).
    static let catalogAdminPaths: Set<String> = [
        "/api/v1/catalog/services", "/api/v1/catalog/services/{code}", "/api/v1/catalog/services/{code}/versions",
        "/api/v1/catalog/services/{code}/versions/{version}", "/api/v1/catalog/services/{code}/deactivate",
        "/api/v1/catalog/services/{code}/reactivate",
    ]

    @Test("the bundled document is OpenAPI 3.1 and documents exactly the API's paths")
    func documentShape() throws {
        let contract = try OpenAPIContract(CatalogAPIRoutes.openAPIDocument)
        #expect((contract.root["openapi"] as? String)?.hasPrefix("3.1.") == true)
        #expect(
            Set(contract.operations.map(\.path))
                == Self.servedPaths.union(Self.inboxPaths).union(Self.catalogAdminPaths))
        #expect(
            contract.operations.allSatisfy {
                ["get", "post"].contains($0.method) && $0.operation["operationId"] is String
            })
        let schemas = try #require((contract.root["components"] as? [String: Any])?["schemas"] as? [String: Any])
        for name in [
            "ServiceSummary", "ServiceProfile", "ServiceSearchPage", "ProvinceList", "CategoryList", "ErrorBody",
            "HealthReport",
        ] {
            #expect(schemas[name] != nil, "\(name)")
        }
        // Every $ref points somewhere.
        let text = String(decoding: CatalogAPIRoutes.openAPIDocument, as: UTF8.self)
        for match in text.matches(of: /"\$ref": "(#\/[^"]+)"/) {
            #expect(contract.resolved(["$ref": String(match.output.1)]) != nil, "\(match.output.1)")
        }
    }

    @Test("the document is served at /api/v1/openapi.json as JSON, byte for byte")
    func served() async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                let response = try await http.get("/api/v1/openapi.json")
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(response.body == CatalogAPIRoutes.openAPIDocument)
            }
        }
    }

    @Test("every documented operation is answered by the router with a documented status and body")
    func everyOperationAnswers() async throws {
        try await CatalogAPIDesk.run(withServices: true) { desk in
            try await desk.http { http in
                let contract = try OpenAPIContract(CatalogAPIRoutes.openAPIDocument)
                for (path, method, operation) in contract.operations {
                    #expect(["get", "post"].contains(method))
                    let parameters = contract.parameters(of: operation)
                    var uri = path
                    for parameter in parameters where parameter["in"] as? String == "path" {
                        let name = try #require(parameter["name"] as? String)
                        let example = try #require(parameter["example"] as? String, "\(path): path example")
                        uri = uri.replacingOccurrences(of: "{\(name)}", with: queryValue(example))
                    }
                    let examples = parameters.filter { $0["in"] as? String == "query" }.compactMap { parameter in
                        (parameter["example"] as? String).map { "\(parameter["name"]!)=\(queryValue($0))" }
                    }
                    var probes = [uri]
                    if !examples.isEmpty { probes.append(uri + "?" + examples.joined(separator: "&")) }
                    // A value that matches no documented pattern must be refused as documented.
                    for parameter in parameters where (parameter["schema"] as? [String: Any])?["pattern"] != nil {
                        let name = try #require(parameter["name"] as? String)
                        if parameter["in"] as? String == "query" { probes.append(uri + "?\(name)=" + queryValue("!!")) }
                        if parameter["in"] as? String == "path" {
                            probes.append(path.replacingOccurrences(of: "{\(name)}", with: queryValue("!!")))
                        }
                    }
                    if method == "post" { probes = [uri] }
                    let body = ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])
                        .flatMap { ($0["application/json"] as? [String: Any])?["example"] }
                        .flatMap { try? JSONSerialization.data(withJSONObject: $0) }
                        .map { String(decoding: $0, as: UTF8.self) }
                    for probe in probes {
                        let response =
                            method == "post"
                            ? try await http.send(.post, probe, json: body) : try await http.get(probe)
                        let status = Int(response.status.code)
                        let schema = contract.responseSchema(of: operation, status: status)
                        #expect(schema != nil, "\(probe) answered \(status), which is not documented")
                        // Every service an operation calls runs here; only the health report
                        // also looks at services this desk leaves out (the notifier).
                        #expect(
                            status != 503 || path == "/api/v1/health",
                            "\(probe) found no worker: \(response.error?.message ?? "")")
                        #expect(
                            !(status == 404 && response.error?.message == "صفحه یا نشانی درخواستی یافت نشد."),
                            "\(probe) is not routed")
                        guard let schema, !schema.isEmpty else { continue }
                        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(probe)")
                        let json = try JSONSerialization.jsonObject(with: response.body)
                        let object = try #require(json as? [String: Any], "\(probe)")
                        let required = Set(schema["required"] as? [String] ?? [])
                        let documented = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
                        #expect(required.isSubset(of: object.keys), "\(probe): top-level keys \(object.keys.sorted())")
                        #expect(
                            Set(object.keys).isSubset(of: documented),
                            "\(probe): top-level keys \(object.keys.sorted())")
                        let mismatches = contract.mismatches(object, schema)
                        #expect(mismatches.isEmpty, "\(probe): \(mismatches)")
                    }
                }
            }
        }
    }
}
