import Crypto
import Foundation
import MizBus
import MizSchema
import Synchronization
import Testing

/// The requests service as a real process killed with SIGKILL in the middle of submits.
@Suite("Requests survive SIGKILL during submits", .serialized)
struct RequestsCrashSystemTests {
    static let ali = IdentityVerifyRequest(
        nationalCode: "0012345679", birthDate: "1370/05/12", firstName: "علی", lastName: "رضایی", mobile: "09121234567")
    static let citizen = Caller(kind: .citizen, nationalCode: "0012345679", clientAddress: "127.0.0.1")
    static let administrator = Caller(kind: .staff, staffId: "admin", role: .administrator, provinces: [])

    /// A valid form for `profile`.
    static func fields(_ profile: ServiceProfile) -> [String: String] {
        var fields: [String: String] = [:]
        for field in profile.fields where field.required {
            fields[field.code] =
                switch field.datatype {
                case .string, .text: "نمونه"
                case .number: "7"
                case .datetime: "1405/02/10"
                case .singlevaluelist, .multivaluelist: field.values?.first?.key ?? ""
                }
        }
        return fields
    }

    /// A PDF of about 100 KB, different for every `seed`.
    static func pdf(_ seed: Int) -> Data {
        var data = Data("%PDF-1.4\n% request \(seed)\n".utf8)
        var generator = SystemRandomNumberGenerator()
        data.append(Data((0..<100_000).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }))
        data.append(Data("\n%%EOF\n".utf8))
        return data
    }

    static func hex(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    @Test(
        "every acknowledged request is there after a SIGKILL, with its documents; none is half-written",
        arguments: [false, true])
    func killDuringSubmits(documentsInFolder: Bool) async throws {
        let folder = try TemporaryFolder()
        let bus = "tcp://127.0.0.1:\(FreePort.next())"
        let common = ["--curve", "off", "--ops-port", "0", "--data", folder.url.path]
        var processes = [
            try RunningProcess("broker", ["--bind", bus] + common, folder: folder.url),
            try RunningProcess("catalog", ["--broker", bus] + common, folder: folder.url),
            try RunningProcess(
                "identity-verifier", ["--broker", bus, "--registry-population", "50"] + common, folder: folder.url),
            try RunningProcess("notifier", ["--broker", bus] + common, folder: folder.url),
        ]
        let documentsFolder = folder.url.appendingPathComponent("documents").path
        let requestsArguments =
            ["--broker", bus] + common + (documentsInFolder ? ["--documents-folder", documentsFolder] : [])
        var requests = try RunningProcess("requests", requestsArguments, name: "requests-1", folder: folder.url)
        let client = try BusClient(.init(brokers: [bus], attemptTimeout: .seconds(3), defaultTimeout: .seconds(20)))
        func logs() -> String {
            (processes + [requests]).map { "\($0.name): \($0.output.suffix(2000))" }.joined(separator: "\n")
        }

        let ready = await waitUntil(.seconds(120)) {
            _ = try await client.call(Routes.ping(service: "requests"), PingRequest(), timeout: .seconds(2))
            _ = try await client.call(
                Routes.Identity.verifyApplicant, Self.ali, timeout: .seconds(2), caller: .service("requests"))
            return true
        }
        #expect(ready, "\(logs())")
        let profile = try await client.call(
            Routes.Catalog.profile, CatalogProfileRequest(code: "forest-seedling-request"), caller: Self.citizen)
        let card = try #require(profile.documents.first { $0.mandatory })
        let submission = RequestSubmission(
            serviceCode: profile.code, province: "tehran", applicant: Self.ali, fields: Self.fields(profile),
            documents: [DocumentUpload(key: card.key, fileName: "card.pdf", attachment: 0)])

        let log = SubmitLog()
        let submitters = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        while !log.stop.load(ordering: .relaxed) {
                            let index = log.sequence.wrappingAdd(1, ordering: .relaxed).newValue
                            let file = Self.pdf(index)
                            if let receipt = try? await client.call(
                                Routes.Requests.submit, submission, timeout: .seconds(20), caller: Self.citizen,
                                idempotencyKey: "crash-test-\(index)", attachments: [file])
                            {
                                log.acknowledged.withLock { $0.append((receipt, Self.hex(file))) }
                            }
                        }
                    }
                }
            }
        }
        let before = await waitUntil(.seconds(120)) { log.acknowledged.withLock { $0.count } >= 12 }
        #expect(before, "\(logs())")
        requests.signal(SIGKILL)
        requests.process.waitUntilExit()
        let atKill = log.acknowledged.withLock { $0.count }
        requests = try RunningProcess("requests", requestsArguments, name: "requests-2", folder: folder.url)
        let after = await waitUntil(.seconds(120)) { log.acknowledged.withLock { $0.count } >= atKill + 8 }
        log.stop.store(true, ordering: .relaxed)
        await submitters.value
        #expect(after, "\(logs())")

        let receipts = log.acknowledged.withLock { $0 }
        #expect(Set(receipts.map(\.0.processNumber)).count == receipts.count)
        for (receipt, digest) in receipts {
            let detail = try await client.call(
                Routes.Requests.detail, RequestReference(requestId: receipt.requestId), caller: Self.citizen)
            #expect(detail.summary.processNumber == receipt.processNumber)
            let document = try #require(detail.documents.first { $0.key == card.key })
            #expect(document.sha256 == digest)
            let (_, bytes) = try await client.callWithAttachments(
                Routes.Requests.document,
                RequestDocumentQuery(requestId: receipt.requestId, documentId: document.documentId),
                caller: Self.citizen)
            #expect(bytes.first.map(Self.hex) == digest)
            if documentsInFolder {
                let file = "\(documentsFolder)/\(digest.prefix(2))/\(digest)"
                #expect(FileManager.default.contents(atPath: file).map(Self.hex) == digest, "kept in the folder")
            }
        }
        var page = 1
        var stored = 0
        while true {
            let inbox = try await client.call(
                Routes.Requests.inbox, InboxQuery(page: page, pageSize: 100), caller: Self.administrator)
            for item in inbox.items {
                let detail = try await client.call(
                    Routes.Requests.detail, RequestReference(requestId: item.requestId), caller: Self.administrator)
                #expect(detail.documents.count == 1 && detail.fields.count == Self.fields(profile).count)
                #expect(detail.history.map(\.to) == [.submitted])
            }
            stored += inbox.items.count
            if inbox.items.count < 100 { break }
            page += 1
        }
        #expect(stored >= receipts.count)

        await client.shutdown()
        await requests.stop()
        for process in processes.reversed() { await process.stop() }
        processes.removeAll()
        folder.remove()
    }
}

/// What the submitters of the crash test share: acknowledged receipts with their file's
/// digest, the stop flag and the next file number.
private final class SubmitLog: Sendable {
    let acknowledged = Mutex([(RequestReceipt, String)]())
    let stop = Atomic(false)
    let sequence = Atomic(0)
}
