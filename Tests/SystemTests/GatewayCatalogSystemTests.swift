import Foundation
import MizSchema
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The catalog through the real `broker`, `catalog` and `gateway` executables over HTTP.
@Suite("Gateway and catalog as real processes", .serialized)
struct GatewayCatalogSystemTests {
    private struct Desk {
        let folder: TemporaryFolder
        let processes: [RunningProcess]
        let base: String

        func stop() async {
            for process in processes.reversed() { await process.stop() }
            folder.remove()
        }
    }

    private func startDesk() throws -> Desk {
        let folder = try TemporaryFolder()
        let brokerPort = FreePort.next()
        let httpPort = FreePort.next()
        let bus = "tcp://127.0.0.1:\(brokerPort)"
        let common = ["--curve", "off", "--ops-port", "0", "--data", folder.url.path]
        let broker = try RunningProcess("broker", ["--bind", bus] + common, folder: folder.url)
        let catalog = try RunningProcess("catalog", ["--broker", bus] + common, folder: folder.url)
        let gateway = try RunningProcess(
            "gateway", ["--broker", bus, "--http-port", "\(httpPort)"] + common, folder: folder.url)
        return Desk(folder: folder, processes: [broker, catalog, gateway], base: "http://127.0.0.1:\(httpPort)")
    }

    private func get(_ url: String, headers: [String: String] = [:]) async throws -> (HTTPURLResponse, Data) {
        var request = URLRequest(url: try #require(URL(string: url)))
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        let (data, response) = try await URLSession.shared.data(for: request)
        return (try #require(response as? HTTPURLResponse), data)
    }

    @Test("search, profile, 304 on a matching ETag and a Persian 400 on bad input")
    func catalogOverHTTP() async throws {
        let desk = try startDesk()
        let ready = await waitUntil(.seconds(90)) {
            let (response, _) = try await get("\(desk.base)/api/v1/services?q=%D9%BE%D8%B1%D9%88%D8%A7%D9%86%D9%87")
            return response.statusCode == 200
        }
        #expect(ready, "\(desk.processes.map(\.output).joined(separator: "\n"))")

        // A misspelt query typed with Arabic letters and Persian digits for the page.
        let query = "تمديد پروانه مرتعداري".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
        let (searchResponse, searchBody) = try await get("\(desk.base)/api/v1/services?q=\(query)&page=%DB%B1")
        #expect(searchResponse.statusCode == 200)
        let results = try JSONDecoder().decode(CatalogSearchResults.self, from: searchBody)
        #expect(results.items.first?.code == "rangeland-grazing-licence-renewal")

        let (profileResponse, profileBody) = try await get(
            "\(desk.base)/api/v1/services/rangeland-grazing-licence-renewal")
        #expect(profileResponse.statusCode == 200)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let profile = try decoder.decode(ServiceProfile.self, from: profileBody)
        #expect(profile.title.contains("تمدید"))
        let tag = try #require(profileResponse.value(forHTTPHeaderField: "ETag"))
        let (notModified, emptyBody) = try await get(
            "\(desk.base)/api/v1/services/rangeland-grazing-licence-renewal", headers: ["If-None-Match": tag])
        #expect(notModified.statusCode == 304)
        #expect(emptyBody.isEmpty)

        let (badResponse, badBody) = try await get("\(desk.base)/api/v1/services?page=0")
        #expect(badResponse.statusCode == 400)
        let error = try JSONDecoder().decode(ErrorBody.self, from: badBody).error
        #expect(error.code == .invalidInput)
        #expect(error.fields.contains { $0.field == "page" })
        #expect(error.message.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) })

        let (missing, _) = try await get("\(desk.base)/api/v1/services/no-such-service")
        #expect(missing.statusCode == 404)
        await desk.stop()
    }

    private struct ErrorBody: Decodable {
        var error: BusError
    }
}
