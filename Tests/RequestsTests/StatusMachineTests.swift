import Foundation
import MizBus
import MizSchema
import MizStorageTesting
import Requests
import Testing

@Suite("Status machine: every legal and illegal move, with history")
struct StatusMachineTests {
    /// The legal moves, written out independently of the machine.
    static let legal: [RequestStatus: [RequestAction: RequestStatus]] = [
        .submitted: [.claim: .underReview, .withdraw: .withdrawn],
        .underReview: [.askForFix: .needsFix, .approve: .approved, .reject: .rejected, .withdraw: .withdrawn],
        .needsFix: [.submitFix: .fixed, .withdraw: .withdrawn],
        .fixed: [.claim: .underReview, .withdraw: .withdrawn],
        .approved: [:], .rejected: [:], .withdrawn: [:],
    ]

    @Test("each status × action pair gives the expected next status or nil")
    func everyPair() {
        for status in RequestStatus.allCases {
            for action in RequestAction.allCases where action != .note && action != .submit {
                #expect(
                    RequestStatusMachine.next(from: status, on: action) == Self.legal[status]?[action],
                    "\(status) + \(action)")
            }
            #expect(RequestStatusMachine.next(from: status, on: .submit) == nil)
            #expect(RequestStatusMachine.next(from: status, on: .note) == status)
        }
        #expect(isPersian(RequestStatusMachine.conflictMessage(from: .approved, on: .withdraw)))
    }

    @Test(
        "the whole way through the routes, each move recorded in history with who and when",
        arguments: StoreKind.allCases)
    func fullPathWithHistory(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let receipt = try await fixture.submitValid()
            let id = receipt.requestId
            _ = try await fixture.routes.claim(
                RequestReference(requestId: id), caller: Staff.tehran, idempotencyKey: nil)
            let profile = try await fixture.profile("forest-seedling-request")
            let asked = try await fixture.routes.askForFix(
                FixRequestSubmission(
                    requestId: id, fields: ["quantity"], documents: ["national_card"],
                    message: "تصویر کارت ملی خوانا نیست"),
                caller: Staff.tehran, idempotencyKey: nil)
            #expect(asked.summary.status == .needsFix)
            #expect(asked.fixRequest?.fields == ["quantity"] && asked.fixRequest?.documents == ["national_card"])
            let fixed = try await fixture.routes.submitFix(
                FixSubmission(
                    requestId: id, fields: ["quantity": "۳۰"],
                    documents: [DocumentUpload(key: "national_card", fileName: "card.png", attachment: 0)]),
                caller: Citizens.ali.caller, idempotencyKey: nil, attachments: [Samples.png])
            #expect(fixed.summary.status == .fixed && fixed.fields["quantity"] == "30")
            let cards = fixed.documents.filter { $0.key == "national_card" }
            #expect(cards.count == 2 && cards.filter(\.current).count == 1 && cards.last?.fileType == .png)
            _ = try await fixture.routes.claim(
                RequestReference(requestId: id), caller: Staff.tehran, idempotencyKey: nil)
            let approved = try await fixture.routes.approve(
                ApprovalSubmission(requestId: id, resultFileName: "پروانه.pdf"), caller: Staff.tehran,
                idempotencyKey: nil, attachments: [Samples.pdf])
            #expect(approved.summary.status == .approved)
            #expect(
                approved.history.map(\.to) == [.submitted, .underReview, .needsFix, .fixed, .underReview, .approved])
            #expect(approved.history.map(\.actor).first == "citizen:0012345679")
            #expect(approved.history[1].actor == "staff:official-tehran")
            #expect(approved.history[2].note == "تصویر کارت ملی خوانا نیست")
            #expect(zip(approved.history, approved.history.dropFirst()).allSatisfy { $0.at <= $1.at })
            let audit = try await fixture.store.audit(requestId: id)
            #expect(audit.map(\.action) == ["submit", "claim", "askForFix", "submitFix", "claim", "approve"])
            #expect(profile.fields.contains { $0.code == "quantity" })

            let seenByCitizen = try await fixture.routes.detail(
                RequestReference(requestId: id), caller: Citizens.ali.caller)
            #expect(seenByCitizen.summary.assignee == nil && seenByCitizen.history[1].actor == "staff")
            #expect(approved.summary.assignee == "official-tehran")
            let result = try await fixture.routes.result(RequestReference(requestId: id), caller: Citizens.ali.caller)
            #expect(result.attachments == [Samples.pdf] && result.reply.fileType == .pdf)
        }
    }

    @Test("illegal moves are conflicts with a Persian message and change nothing", arguments: StoreKind.allCases)
    func illegalMoves(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let id = try await fixture.submitValid().requestId
            let reference = RequestReference(requestId: id)
            let approveEarly = await busError {
                try await fixture.routes.approve(
                    ApprovalSubmission(requestId: id, resultFileName: "r.pdf"), caller: Staff.tehran,
                    idempotencyKey: nil, attachments: [Samples.pdf])
            }
            #expect(approveEarly?.code == .conflict && isPersian(approveEarly?.message ?? ""))
            let fixEarly = await busError {
                try await fixture.routes.submitFix(
                    FixSubmission(requestId: id, fields: [:], documents: []), caller: Citizens.ali.caller,
                    idempotencyKey: nil, attachments: [])
            }
            #expect(fixEarly?.code == .conflict)
            _ = try await fixture.routes.claim(reference, caller: Staff.tehran, idempotencyKey: nil)
            #expect(
                await busError { try await fixture.routes.claim(reference, caller: Staff.tehran, idempotencyKey: nil) }?
                    .code == .conflict)
            let other = await busError {
                try await fixture.routes.reject(
                    RejectionSubmission(requestId: id, reasons: "مدارک ناقص و نامعتبر است"), caller: Staff.tehran2,
                    idempotencyKey: nil)
            }
            #expect(other?.code == .conflict, "only the official who claimed it decides")
            _ = try await fixture.routes.reject(
                RejectionSubmission(requestId: id, reasons: "مدارک ناقص و نامعتبر است"), caller: Staff.tehran,
                idempotencyKey: nil)
            let late = await busError {
                try await fixture.routes.withdraw(
                    WithdrawalSubmission(requestId: id), caller: Citizens.ali.caller, idempotencyKey: nil)
            }
            #expect(late?.code == .conflict && isPersian(late?.message ?? ""))
            let detail = try await fixture.routes.detail(reference, caller: Citizens.ali.caller)
            #expect(detail.summary.status == .rejected && detail.history.count == 3)
            #expect(detail.rejectionReasons == "مدارک ناقص و نامعتبر است")
        }
    }

    @Test("a citizen withdraws before a decision; notes stay internal", arguments: StoreKind.allCases)
    func withdrawAndNotes(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let id = try await fixture.submitValid().requestId
            let noted = try await fixture.routes.note(
                InternalNoteSubmission(requestId: id, text: "استعلام از اداره ثبت شود"), caller: Staff.tehran,
                idempotencyKey: nil)
            #expect(noted.notes.map(\.text) == ["استعلام از اداره ثبت شود"])
            let withdrawn = try await fixture.routes.withdraw(
                WithdrawalSubmission(requestId: id, reason: "منصرف شدم"), caller: Citizens.ali.caller,
                idempotencyKey: nil)
            #expect(withdrawn.summary.status == .withdrawn && withdrawn.notes.isEmpty)
            #expect(withdrawn.history.last?.note == "منصرف شدم")
        }
    }
}
