import Feedback
import Foundation
import MizPersian
import MizSchema
import MizStorageTesting
import Testing

@Suite("feedback messages: open to anyone, rate limited per address, with a challenge past the limit")
struct MessageTests {
    static func message(_ text: String = "پیشنهاد می‌کنم ساعت پاسخگویی تلفنی بیشتر شود", mobile: String? = nil)
        -> MessageSubmitRequest
    {
        MessageSubmitRequest(
            kind: .suggestion, serviceCode: "grazing-licence", province: "تهران", contactMobile: mobile, text: text)
    }

    /// The answer of a challenge's question, read as a person reads it.
    static func solve(_ challenge: MessageChallenge) throws -> String {
        let numbers = PersianDigits.latin(challenge.question).split { !$0.isNumber }.compactMap { Int($0) }
        try #require(numbers.count == 2)
        return PersianDigits.display(numbers[0] + numbers[1])
    }

    @Test(
        "a message is stored with its province, a validated mobile, masked in the sender's confirmation",
        arguments: StoreKind.allCases)
    func stored(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in try await stored(fixture) }
    }

    /// `stored(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func stored(_ fixture: FeedbackFixture) async throws {
        let sent = try await fixture.routes.submitMessage(
            Self.message(mobile: "۰۹۱۲ ۱۲۳ ۴۵۶۷"), caller: Callers.anonymous, idempotencyKey: nil)
        #expect(sent.province == "tehran" && sent.status == .new)
        #expect(sent.contactMobile == "0912***4567")
        let inbox = try await fixture.routes.messages(MessageListQuery(), caller: Callers.tehranOfficial)
        #expect(inbox.items.map(\.messageNumber) == [sent.messageNumber])
        #expect(inbox.items.first?.contactMobile == "09121234567")
        let bad = try #require(
            await busError {
                try await fixture.routes.submitMessage(
                    MessageSubmitRequest(
                        kind: .question, province: "آتلانتیس", contactMobile: "0999123", text: "کوتاه"),
                    caller: Callers.anonymous, idempotencyKey: nil)
            })
        #expect(bad.code == .invalidInput)
        #expect(Set(bad.fields.map(\.field)) == ["province", "contactMobile", "text"])
        #expect(try await fixture.routes.messages(MessageListQuery(), caller: Callers.administrator).total == 1)
    }

    @Test(
        "past the rate an address must answer a challenge; a solved one lets one message through, once",
        arguments: StoreKind.allCases)
    func rateLimitAndChallenge(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind, policy: FeedbackPolicy(messagesPerWindow: 3, messagesHardLimit: 5)) {
            fixture in try await rateLimitAndChallenge(fixture)
        }
    }

    /// `rateLimitAndChallenge(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func rateLimitAndChallenge(_ fixture: FeedbackFixture) async throws {
        for _ in 0..<3 {
            _ = try await fixture.routes.submitMessage(
                Self.message(), caller: Callers.anonymous, idempotencyKey: nil)
        }
        let limited = try #require(
            await busError {
                try await fixture.routes.submitMessage(
                    Self.message(), caller: Callers.anonymous, idempotencyKey: nil)
            })
        #expect(limited.code == .tooManyRequests)
        #expect(limited.fields.map(\.field) == ["challengeAnswer"])
        #expect(isPersian(limited.message))
        let otherAddress = Caller(kind: .anonymous, clientAddress: "203.0.113.9")
        _ = try await fixture.routes.submitMessage(Self.message(), caller: otherAddress, idempotencyKey: nil)

        let challenge = fixture.routes.messageChallenge(caller: Callers.anonymous)
        #expect(isPersian(challenge.question))
        var wrong = Self.message()
        wrong.challengeToken = challenge.token
        wrong.challengeAnswer = "۱۰۰"
        #expect(
            await busError {
                try await fixture.routes.submitMessage(wrong, caller: Callers.anonymous, idempotencyKey: nil)
            }?
            .fields.map(\.field) == ["challengeAnswer"])
        var solved = Self.message()
        solved.challengeToken = challenge.token
        solved.challengeAnswer = try Self.solve(challenge)
        let elsewhere = await busError {
            try await fixture.routes.submitMessage(solved, caller: otherAddress, idempotencyKey: nil)
        }
        #expect(elsewhere?.code == .invalidInput)
        let through = try await fixture.routes.submitMessage(solved, caller: Callers.anonymous, idempotencyKey: nil)
        #expect(through.status == .new)
        let replay = await busError {
            try await fixture.routes.submitMessage(solved, caller: Callers.anonymous, idempotencyKey: nil)
        }
        #expect(replay?.code == .invalidInput && replay?.fields.map(\.field) == ["challengeAnswer"])

        let stale = fixture.routes.messageChallenge(caller: Callers.anonymous)
        fixture.clock.advance(days: 1.0 / 24 / 6 + 0.0001)
        var late = Self.message()
        late.challengeToken = stale.token
        late.challengeAnswer = try Self.solve(stale)
        let expired = await busError {
            try await fixture.routes.submitMessage(late, caller: Callers.anonymous, idempotencyKey: nil)
        }
        #expect(expired?.code == .invalidInput && expired?.fields.map(\.field) == ["challengeAnswer"])

        let next = fixture.routes.messageChallenge(caller: Callers.anonymous)
        var fifth = Self.message()
        fifth.challengeToken = next.token
        fifth.challengeAnswer = try Self.solve(next)
        _ = try await fixture.routes.submitMessage(fifth, caller: Callers.anonymous, idempotencyKey: nil)
        let last = fixture.routes.messageChallenge(caller: Callers.anonymous)
        var sixth = Self.message()
        sixth.challengeToken = last.token
        sixth.challengeAnswer = try Self.solve(last)
        let hard = await busError {
            try await fixture.routes.submitMessage(sixth, caller: Callers.anonymous, idempotencyKey: nil)
        }
        #expect(hard?.code == .tooManyRequests && hard?.fields.isEmpty == true)
        #expect(try await fixture.routes.messages(MessageListQuery(), caller: Callers.administrator).total == 6)

        fixture.clock.advance(days: 1)
        _ = try await fixture.routes.submitMessage(Self.message(), caller: Callers.anonymous, idempotencyKey: nil)
    }

    @Test(
        "wrong answers are limited too: past five in the window even a right answer waits",
        arguments: StoreKind.allCases)
    func guessingLimited(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind, policy: FeedbackPolicy(messagesPerWindow: 1)) { fixture in
            try await guessingLimited(fixture)
        }
    }

    /// `guessingLimited(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func guessingLimited(_ fixture: FeedbackFixture) async throws {
        _ = try await fixture.routes.submitMessage(Self.message(), caller: Callers.anonymous, idempotencyKey: nil)
        for _ in 0..<5 {
            let challenge = fixture.routes.messageChallenge(caller: Callers.anonymous)
            var guess = Self.message()
            guess.challengeToken = challenge.token
            guess.challengeAnswer = "۹۹"
            let error = await busError {
                try await fixture.routes.submitMessage(guess, caller: Callers.anonymous, idempotencyKey: nil)
            }
            #expect(error?.code == .invalidInput)
        }
        let challenge = fixture.routes.messageChallenge(caller: Callers.anonymous)
        var right = Self.message()
        right.challengeToken = challenge.token
        right.challengeAnswer = try Self.solve(challenge)
        let refused = await busError {
            try await fixture.routes.submitMessage(right, caller: Callers.anonymous, idempotencyKey: nil)
        }
        #expect(refused?.code == .tooManyRequests && refused?.fields.isEmpty == true)
        fixture.clock.advance(days: 1.0 / 24 + 0.001)
        let later = fixture.routes.messageChallenge(caller: Callers.anonymous)
        right.challengeToken = later.token
        right.challengeAnswer = try Self.solve(later)
        #expect(
            try await fixture.routes.submitMessage(right, caller: Callers.anonymous, idempotencyKey: nil).status
                == .new
        )
        #expect(try await fixture.routes.messages(MessageListQuery(), caller: Callers.administrator).total == 2)
    }

    @Test(
        "staff see the messages of their provinces; messages without a province go to national administrators",
        arguments: StoreKind.allCases)
    func staffInbox(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in try await staffInbox(fixture) }
    }

    /// `staffInbox(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func staffInbox(_ fixture: FeedbackFixture) async throws {
        let national = try await fixture.routes.submitMessage(
            MessageSubmitRequest(kind: .appreciation, text: "از پاسخگویی سریع سامانه سپاسگزارم"),
            caller: Callers.citizen, idempotencyKey: nil)
        let tehran = try await fixture.routes.submitMessage(
            Self.message(), caller: Callers.citizen, idempotencyKey: nil)
        #expect(
            try await fixture.routes.messages(MessageListQuery(), caller: Callers.tehranOfficial).items.map(
                \.messageNumber)
                == [tehran.messageNumber])
        #expect(try await fixture.routes.messages(MessageListQuery(), caller: Callers.farsOfficial).total == 0)
        #expect(try await fixture.routes.messages(MessageListQuery(), caller: Callers.administrator).total == 2)
        #expect(
            await busError {
                try await fixture.routes.closeMessage(
                    MessageQuery(messageNumber: national.messageNumber), caller: Callers.tehranOfficial)
            }?.code == .notFound)
        let closed = try await fixture.routes.closeMessage(
            MessageQuery(messageNumber: national.messageNumber), caller: Callers.administrator)
        #expect(closed.status == .closed && closed.closedAt == fixture.clock.now)
        #expect(
            await busError { try await fixture.routes.messages(MessageListQuery(), caller: Callers.citizen) }?.code
                == .forbidden)
        #expect(
            await busError { try await fixture.routes.messages(MessageListQuery(), caller: Callers.anonymous) }?
                .code
                == .unauthorized)
    }
}
