import Crypto
import Foundation
import GRDB
import Logging
import MizBus
import MizSchema
import MizStorageTesting
import Requests
import Testing

/// Documents kept in a folder the instances share (`--documents-folder`): files first, then
/// the rows that name them; never a row without its file, never bytes other than the row's.
@Suite("Requests store: documents in a folder")
struct DocumentFolderTests {
    /// The SHA-256 of `data`, lowercase hex.
    static func hex(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    /// A PDF no other test has.
    static func uniquePDF() -> Data {
        Data("%PDF-1.4\n% \(UUID().uuidString)\n%%EOF\n".utf8)
    }

    /// The file of `sha256` in `vault`.
    static func file(_ sha256: String, in vault: DocumentFolder) -> String {
        "\(vault.path)/\(sha256.prefix(2))/\(sha256)"
    }

    /// Sets a file's modification time `seconds` into the past.
    static func age(_ path: String, by seconds: TimeInterval) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-seconds)], ofItemAtPath: path)
    }

    static func permissions(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test(
        "a submit keeps its files in the folder, the rows name them, and they read back identical",
        arguments: StoreKind.allCases)
    func submitToFolder(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind, documentsInFolder: true) { fixture in
            let vault = try #require(fixture.vault)
            let (submission, files) = try await fixture.valid()
            let receipt = try await fixture.submit(submission, files: files)
            let documents = try await fixture.store.documents(requestId: receipt.requestId)
            #expect(documents.count == files.count && !files.isEmpty)
            #expect(Set(documents.map(\.sha256)) == Set(files.map(Self.hex)))
            let storage = try await fixture.documentStorage()
            for document in documents {
                let sent = try #require(files.first { Self.hex($0) == document.sha256 })
                #expect(storage[document.documentId]?.storage == "folder")
                #expect(storage[document.documentId]?.inRow == false, "the bytes are not in the database too")
                let path = Self.file(document.sha256, in: vault)
                #expect(FileManager.default.contents(atPath: path) == sent)
                #expect(try Self.permissions(path) == 0o600)
                #expect(try Self.permissions((path as NSString).deletingLastPathComponent) == 0o700)
                let download = try await fixture.routes.document(
                    RequestDocumentQuery(requestId: receipt.requestId, documentId: document.documentId),
                    caller: Citizens.ali.caller)
                #expect(download.attachments == [sent] && download.reply.sha256 == Self.hex(sent))
            }

            // The same files in a second request are stored once.
            let again = try await fixture.submit(submission, files: files)
            #expect(
                Set(try await fixture.store.documents(requestId: again.requestId).map(\.sha256))
                    == Set(files.map(Self.hex)))
            let kept = try FileManager.default.subpathsOfDirectory(atPath: vault.path).filter { $0.count == 67 }
            #expect(
                Set(kept.map { String($0.suffix(64)) }) == Set(files.map(Self.hex)) && kept.count == Set(files).count)

            // A fix and a result go to the folder as well.
            _ = try await fixture.routes.claim(
                RequestReference(requestId: receipt.requestId), caller: Staff.tehran, idempotencyKey: nil)
            let letter = Self.uniquePDF()
            _ = try await fixture.routes.approve(
                ApprovalSubmission(requestId: receipt.requestId, resultFileName: "پروانه.pdf"), caller: Staff.tehran,
                idempotencyKey: nil, attachments: [letter])
            let result = try await fixture.routes.result(
                RequestReference(requestId: receipt.requestId), caller: Citizens.ali.caller)
            #expect(result.attachments == [letter])
            #expect(FileManager.default.contents(atPath: Self.file(Self.hex(letter), in: vault)) == letter)
        }
    }

    @Test(
        "two instances over one database and one folder read each other's documents",
        arguments: StoreKind.allCases)
    func twoInstances(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind, documentsInFolder: true) { fixture in
            try await fixture.withSecondStore { second in
                let secondRoutes = RequestsRoutes(
                    store: second, upstream: fixture.upstream, signal: fixture.signal, now: { fixture.clock.now })
                var (submission, _) = try await fixture.valid()
                submission.documents = [DocumentUpload(key: "national_card", fileName: "card.pdf", attachment: 0)]
                let firstFile = Self.uniquePDF()
                let secondFile = Self.uniquePDF()
                let first = try await fixture.submit(submission, files: [firstFile])
                let other = try await secondRoutes.submit(
                    submission, caller: Citizens.ali.caller, idempotencyKey: nil, attachments: [secondFile],
                    logger: .init(label: "requests-tests"))
                for (receipt, sent, reader) in [(first, firstFile, secondRoutes), (other, secondFile, fixture.routes)] {
                    let document = try #require(try await reader.store.documents(requestId: receipt.requestId).first)
                    let download = try await reader.document(
                        RequestDocumentQuery(requestId: receipt.requestId, documentId: document.documentId),
                        caller: Citizens.ali.caller)
                    #expect(download.attachments == [sent], "written by one instance, read by the other")
                }
            }
        }
    }

    @Test(
        "a transaction that fails after its files were written leaves no row; the sweep takes only old orphans",
        arguments: StoreKind.allCases)
    func failedTransactionAndSweep(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind, documentsInFolder: true) { fixture in
            let vault = try #require(fixture.vault)
            let receipt = try await fixture.submitValid()
            let referenced = try await fixture.store.documents(requestId: receipt.requestId)

            // The files are kept, then the transaction finds no such request and rolls back.
            let orphan = Self.uniquePDF()
            var change = RequestChange(action: .submitFix, actor: "citizen:0012345679")
            change.documents = [
                NewDocument(
                    key: "national_card", fileName: "a.pdf", fileType: .pdf, sha256: Self.hex(orphan), content: orphan)
            ]
            await #expect(throws: RequestStoreError.notFound) {
                try await fixture.store.apply(change, requestId: "no-such-request", now: fixture.clock.now)
            }
            let orphanFile = Self.file(Self.hex(orphan), in: vault)
            #expect(FileManager.default.fileExists(atPath: orphanFile), "the file was written first")
            #expect(
                try await fixture.store.referencedDocuments(among: [Self.hex(orphan)]).isEmpty, "and no row names it")

            let young = Self.uniquePDF()
            try await vault.keep(young, sha256: Self.hex(young))
            let reused = Self.uniquePDF()
            try await vault.keep(reused, sha256: Self.hex(reused))
            for document in referenced { try Self.age(Self.file(document.sha256, in: vault), by: 7200) }
            try Self.age(orphanFile, by: 7200)
            try Self.age(Self.file(Self.hex(reused), in: vault), by: 7200)
            // A transaction about to refer to this content keeps it again: the sweep must leave it.
            try await vault.keep(reused, sha256: Self.hex(reused))
            // A writer that died between creating and renaming its temporary file.
            let stale = "\(vault.path)/\(Self.hex(orphan).prefix(2))/.tmp-dead-writer"
            #expect(FileManager.default.createFile(atPath: stale, contents: Data("half".utf8)))
            try Self.age(stale, by: 7200)

            let sweeper = DocumentSweeper(vault: vault, store: fixture.store, now: { Date() })
            #expect(try await sweeper.sweep() == 2, "the old orphan and the dead writer's temporary file")
            #expect(!FileManager.default.fileExists(atPath: orphanFile))
            #expect(!FileManager.default.fileExists(atPath: stale))
            #expect(FileManager.default.fileExists(atPath: Self.file(Self.hex(young), in: vault)), "too young")
            #expect(FileManager.default.fileExists(atPath: Self.file(Self.hex(reused), in: vault)), "kept again")
            for document in referenced {
                let download = try await fixture.routes.document(
                    RequestDocumentQuery(requestId: receipt.requestId, documentId: document.documentId),
                    caller: Citizens.ali.caller)
                #expect(download.attachments.first.map(Self.hex) == document.sha256, "a referenced file stays")
            }

            // A sweep that died after setting a referenced file aside: the next one puts it back.
            let first = try #require(referenced.first)
            let path = Self.file(first.sha256, in: vault)
            try FileManager.default.moveItem(
                atPath: path, toPath: "\(vault.path)/\(first.sha256.prefix(2))/.sweep-\(first.sha256)-dead")
            #expect(try await sweeper.sweep() == 0)
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a changed or missing file gives a Persian error, never other bytes", arguments: StoreKind.allCases)
    func tamperedOrMissing(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind, documentsInFolder: true) { fixture in
            let vault = try #require(fixture.vault)
            let receipt = try await fixture.submitValid()
            let document = try #require(try await fixture.store.documents(requestId: receipt.requestId).first)
            let query = RequestDocumentQuery(requestId: receipt.requestId, documentId: document.documentId)
            let path = Self.file(document.sha256, in: vault)
            var bytes = try #require(FileManager.default.contents(atPath: path))
            bytes[bytes.count - 1] ^= 0xFF
            try bytes.write(to: URL(fileURLWithPath: path))
            let changed = await busError { try await fixture.routes.document(query, caller: Citizens.ali.caller) }
            #expect(changed?.code == .internal && isPersian(changed?.message ?? ""))

            try FileManager.default.removeItem(atPath: path)
            let missing = await busError { try await fixture.routes.document(query, caller: Citizens.ali.caller) }
            #expect(missing?.code == .internal && isPersian(missing?.message ?? ""))
        }
    }

    @Test(
        "without the flag documents stay in the database; rows from before the flag are still served",
        arguments: StoreKind.allCases)
    func mixedHistory(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            #expect(fixture.vault == nil)
            let before = try await fixture.submitValid()
            let old = try #require(try await fixture.store.documents(requestId: before.requestId).first)
            let storage = try await fixture.documentStorage()
            #expect(storage[old.documentId]?.storage == "database" && storage[old.documentId]?.inRow == true)
            #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("documents").path))

            // The operator sets the flag: an instance with the folder serves old and new rows.
            try await fixture.withSecondStore(documentsInFolder: true) { withFolder in
                let served = try await withFolder.document(requestId: before.requestId, documentId: old.documentId)
                #expect(served?.1 == Samples.file(old.fileType))
                let letter = Self.uniquePDF()
                var change = RequestChange(action: .claim, actor: "staff:official-tehran")
                change.assignee = "official-tehran"
                _ = try await withFolder.apply(change, requestId: before.requestId, now: fixture.clock.now)
                change = RequestChange(action: .approve, actor: "staff:official-tehran")
                change.documents = [
                    NewDocument(
                        key: "result", fileName: "r.pdf", fileType: .pdf, sha256: Self.hex(letter), content: letter)
                ]
                let approved = try await withFolder.apply(change, requestId: before.requestId, now: fixture.clock.now)
                #expect(approved.status == .approved)
                let new = try #require(
                    try await withFolder.documents(requestId: before.requestId).first { $0.key == "result" })
                #expect(try await fixture.documentStorage()[new.documentId]?.storage == "folder")
                #expect(
                    try await withFolder.document(requestId: before.requestId, documentId: new.documentId)?.1 == letter)

                // An instance left without the flag refuses the folder's file instead of guessing.
                let refused = await busError {
                    try await fixture.routes.result(
                        RequestReference(requestId: before.requestId), caller: Citizens.ali.caller)
                }
                #expect(refused?.code == .internal && isPersian(refused?.message ?? ""))
                #expect(
                    try await fixture.store.document(requestId: before.requestId, documentId: old.documentId)?.1
                        == Samples.file(old.fileType))
            }
        }
    }

    @Test("a SQLite database from before the folder keeps its documents through the migration")
    func sqliteMigration() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(SQLiteRequestStore.fileName).path
        let queue = try DatabaseQueue(path: path)
        try RequestsDatabaseSchema.migrator.migrate(
            queue, upTo: "v1: requests, documents, history, outbox, holidays, audit")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO request (id, processNumber, year, provinceNumber, sequence, trackingHash, serviceCode,
                        serviceTitle, profileVersion, profile, province, applicantNationalCode, applicantFirstName,
                        applicantLastName, applicantMobile, status, submittedAt, dueAt, updatedAt)
                    VALUES ('r1', '1405-23-000001', 1405, '23', 1, 'h', 's', 't', 1, '{}', 'tehran', '0012345679',
                        'علی', 'رضایی', '09121234567', 'submitted', 0, 0, 0);
                    INSERT INTO document (id, requestId, key, fileName, fileType, size, sha256, content, uploadedAt)
                    VALUES ('d1', 'r1', 'national_card', 'a.pdf', 'pdf', ?, ?, ?, 0);
                    """,
                arguments: [Samples.pdf.count, Self.hex(Samples.pdf), Samples.pdf])
        }
        try queue.close()
        let store = try SQLiteRequestStore(
            path: path, vault: try DocumentFolder(path: folder.appendingPathComponent("documents").path))
        let found = try await store.document(requestId: "r1", documentId: "d1")
        #expect(found?.1 == Samples.pdf && found?.0.sha256 == Self.hex(Samples.pdf))
        #expect(try await store.referencedDocuments(among: [Self.hex(Samples.pdf)]).isEmpty, "its bytes are in the row")
    }

    @Test("paths come from the checked digest alone, and content must match its digest")
    func digestsOnly() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-vault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let vault = try DocumentFolder(path: folder.path)
        #expect(try Self.permissions(folder.path) == 0o700)
        await #expect(throws: DocumentVaultError.invalidDigest) {
            try await vault.keep(Data("x".utf8), sha256: "../../etc/passwd")
        }
        await #expect(throws: DocumentVaultError.invalidDigest) {
            try await vault.content(sha256: String(repeating: "A", count: 64), size: 1)
        }
        let content = Data("content".utf8)
        await #expect(throws: DocumentVaultError.self) {
            try await vault.keep(content, sha256: String(repeating: "0", count: 64))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing kept")
        try await vault.keep(content, sha256: Self.hex(content))
        #expect(try await vault.content(sha256: Self.hex(content), size: content.count) == content)
        await #expect(throws: DocumentVaultError.self) {
            try await vault.content(sha256: Self.hex(content), size: content.count + 1)
        }
    }
}
