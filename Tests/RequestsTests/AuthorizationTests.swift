import Foundation
import MizBus
import MizSchema
import MizStorageTesting
import Requests
import Testing

@Suite("Authorization: own requests only, own provinces only, tracking only with the right code")
struct AuthorizationTests {
    @Test("citizen B reading A's request, document or result by id gets notFound, as for no request")
    func anotherCitizen() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        let receipt = try await fixture.submitValid()
        let reference = RequestReference(requestId: receipt.requestId)
        let own = try await fixture.routes.detail(reference, caller: Citizens.ali.caller)
        let documentId = try #require(own.documents.first?.documentId)
        let stranger = Citizens.fatemeh.caller
        let missing = await busError {
            try await fixture.routes.detail(RequestReference(requestId: "no-such-id"), caller: stranger)
        }
        let detail = await busError { try await fixture.routes.detail(reference, caller: stranger) }
        let document = await busError {
            try await fixture.routes.document(
                RequestDocumentQuery(requestId: receipt.requestId, documentId: documentId), caller: stranger)
        }
        #expect(detail == missing && detail?.code == .notFound)
        #expect(document == missing)
        #expect(await busError { try await fixture.routes.result(reference, caller: stranger) } == missing)
        #expect(
            await busError {
                try await fixture.routes.withdraw(
                    WithdrawalSubmission(requestId: receipt.requestId), caller: stranger, idempotencyKey: nil)
            } == missing)
        #expect(try await fixture.routes.mine(RequestListQuery(), caller: stranger).total == 0)
        #expect(try await fixture.routes.mine(RequestListQuery(), caller: Citizens.ali.caller).total == 1)
        #expect(
            await busError { try await fixture.routes.detail(reference, caller: .anonymous) }?.code == .unauthorized)
    }

    @Test("an official of Fars reading or acting on a Tehran request is forbidden; its inbox leaves it out")
    func anotherProvince() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        let receipt = try await fixture.submitValid(province: "tehran")
        let reference = RequestReference(requestId: receipt.requestId)
        #expect(await busError { try await fixture.routes.detail(reference, caller: Staff.fars) }?.code == .forbidden)
        #expect(
            await busError { try await fixture.routes.claim(reference, caller: Staff.fars, idempotencyKey: nil) }?.code
                == .forbidden)
        let detail = try await fixture.routes.detail(reference, caller: Staff.tehran)
        let documentId = try #require(detail.documents.first?.documentId)
        #expect(
            await busError {
                try await fixture.routes.document(
                    RequestDocumentQuery(requestId: receipt.requestId, documentId: documentId), caller: Staff.fars)
            }?.code == .forbidden)
        let download = try await fixture.routes.document(
            RequestDocumentQuery(requestId: receipt.requestId, documentId: documentId), caller: Staff.tehran)
        #expect(download.attachments.first?.count == download.reply.size)
        #expect(try await fixture.routes.inbox(InboxQuery(), caller: Staff.fars).total == 0)
        #expect(try await fixture.routes.inbox(InboxQuery(), caller: Staff.tehran).total == 1)
        #expect(try await fixture.routes.inbox(InboxQuery(), caller: Staff.administrator).total == 1)
        #expect(
            await busError { try await fixture.routes.inbox(InboxQuery(province: "tehran"), caller: Staff.fars) }?.code
                == .forbidden)
        #expect(
            await busError {
                try await fixture.routes.ownership(
                    RequestOwnershipQuery(processNumber: receipt.processNumber), caller: Staff.fars)
            }?.code == .forbidden)
        #expect(
            await busError { try await fixture.routes.inbox(InboxQuery(), caller: Citizens.ali.caller) }?.code
                == .forbidden)
    }

    @Test("tracking: the right code shows status and timeline without personal data; a wrong one is notFound")
    func tracking() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        let receipt = try await fixture.submitValid()
        let persianNumber = receipt.processNumber.map { c -> String in
            guard let digit = c.wholeNumberValue else { return String(c) }
            return String(Character(Unicode.Scalar(0x06F0 + UInt32(digit))!))
        }.joined()
        let tracking = try await fixture.routes.track(
            RequestTrackingQuery(processNumber: persianNumber, trackingCode: receipt.trackingCode.lowercased()),
            caller: .anonymous)
        #expect(tracking.status == .submitted && tracking.timeline.map(\.status) == [.submitted])
        #expect(isPersian(tracking.nextStep))
        let json = String(decoding: try WireCoding.encoder.encode(tracking), as: UTF8.self)
        for secret in ["0012345679", "09121234567", "علی", "رضایی"] { #expect(!json.contains(secret)) }

        var wrong = Array(receipt.trackingCode)
        wrong[0] = wrong[0] == "A" ? "B" : "A"
        let wrongCode = await busError {
            try await fixture.routes.track(
                RequestTrackingQuery(processNumber: receipt.processNumber, trackingCode: String(wrong)),
                caller: .anonymous)
        }
        let unknownNumber = await busError {
            try await fixture.routes.track(
                RequestTrackingQuery(processNumber: "1405-23-999999", trackingCode: receipt.trackingCode),
                caller: .anonymous)
        }
        #expect(wrongCode?.code == .notFound && wrongCode == unknownNumber)
        let owner = try await fixture.routes.ownership(
            RequestOwnershipQuery(processNumber: receipt.processNumber, trackingCode: receipt.trackingCode),
            caller: .service("feedback"))
        #expect(owner.applicantNationalCode == "0012345679" && owner.requestId == receipt.requestId)
        let malformed = await busError {
            try await fixture.routes.ownership(
                RequestOwnershipQuery(processNumber: "۱۴۰۵-۲۳", trackingCode: receipt.trackingCode), caller: .anonymous)
        }
        #expect(malformed?.code == .invalidInput && malformed?.fields.map(\.field) == ["processNumber"])
        #expect(
            await busError {
                try await fixture.routes.ownership(
                    RequestOwnershipQuery(processNumber: receipt.processNumber), caller: Citizens.fatemeh.caller)
            }?.code == .notFound)
        #expect(
            try await fixture.routes.ownership(
                RequestOwnershipQuery(processNumber: receipt.processNumber), caller: Citizens.ali.caller
            ).requestId == receipt.requestId)
    }

    @Test("tracking lookups are rate limited per client address")
    func rateLimited() async throws {
        let clock = TestClock()
        let fixture = try await RequestsFixture(limiter: TrackingRateLimiter(burst: 5, perMinute: 6), clock: clock)
        defer { fixture.remove() }
        let receipt = try await fixture.submitValid()
        let guesser = Caller(kind: .anonymous, clientAddress: "198.51.100.7")
        for _ in 0..<5 {
            let error = await busError {
                try await fixture.routes.track(
                    RequestTrackingQuery(processNumber: receipt.processNumber, trackingCode: "AAAA-AAAA-AAAA-AAAA"),
                    caller: guesser)
            }
            #expect(error?.code == .notFound)
        }
        let right = RequestTrackingQuery(processNumber: receipt.processNumber, trackingCode: receipt.trackingCode)
        let limited = await busError { try await fixture.routes.track(right, caller: guesser) }
        #expect(limited?.code == .tooManyRequests && isPersian(limited?.message ?? ""))
        let neighbour = Caller(kind: .anonymous, clientAddress: "198.51.100.8")
        #expect(try await fixture.routes.track(right, caller: neighbour).status == .submitted)
        clock.advance(10)
        #expect(try await fixture.routes.track(right, caller: guesser).status == .submitted)
    }
}
