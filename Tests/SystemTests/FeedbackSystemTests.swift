import Foundation
import MizBus
import MizSchema
import Testing

/// The real `feedback` executable behind the real `broker`: what it stores survives a SIGKILL,
/// its rate limit and challenge hold across a restart, and without the requests service a
/// survey is refused and nothing is stored.
@Suite("feedback with real processes", .serialized)
struct FeedbackSystemTests {
    private func startFeedback(port: Int, in folder: TemporaryFolder, name: String) throws -> RunningProcess {
        try RunningProcess(
            "feedback",
            [
                "--broker", "tcp://127.0.0.1:\(port)", "--curve", "off", "--heartbeat-interval", "0.3", "--liveness",
                "3",
                "--ops-port", "0", "--concurrency", "2", "--instance", name, "--data",
                folder.url.appendingPathComponent("data").path,
            ],
            name: name, folder: folder.url)
    }

    /// The answer of a challenge, read from its question as a person reads it.
    private func solve(_ challenge: MessageChallenge) -> String {
        var numbers: [Int] = []
        var current: Int?
        for scalar in challenge.question.unicodeScalars {
            let digit: Int? =
                switch scalar.value {
                case 0x30...0x39: Int(scalar.value - 0x30)
                case 0x06F0...0x06F9: Int(scalar.value - 0x06F0)
                default: nil
                }
            if let digit {
                current = (current ?? 0) * 10 + digit
            } else if let value = current {
                numbers.append(value)
                current = nil
            }
        }
        return String(numbers.reduce(0, +))
    }

    @Test("messages survive a SIGKILL; the per-address limit and a spent challenge still hold after restart")
    func messagesSurviveKill() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let port = FreePort.next()
        let broker = try RunningProcess(
            "broker",
            [
                "--bind", "tcp://127.0.0.1:\(port)", "--curve", "off", "--heartbeat-interval", "0.3", "--liveness", "3",
                "--ops-port", "0", "--max-wait", "2", "--data", folder.url.path,
            ],
            folder: folder.url)
        var feedback = try startFeedback(port: port, in: folder, name: "feedback-1")
        let client = try BusClient(.init(brokers: ["tcp://127.0.0.1:\(port)"]))
        #expect(await waitUntil(.seconds(60)) { try await client.isServiceAvailable("feedback") }, "\(feedback.output)")

        let sender = Caller(kind: .anonymous, clientAddress: "192.0.2.44")
        let administrator = Caller(kind: .staff, staffId: "admin-1", role: .administrator, provinces: [])
        let message = MessageSubmitRequest(
            kind: .criticism, province: "fars", text: "صف انتظار پاسخگویی تلفنی بسیار طولانی است")
        for index in 0..<3 {
            _ = try await client.call(
                Routes.Feedback.messageSubmit, message, caller: sender, idempotencyKey: "system-\(index)")
        }
        do {
            _ = try await client.call(
                Routes.Feedback.messageSubmit, message, caller: sender, idempotencyKey: "system-3")
            Issue.record("the fourth message was not limited")
        } catch let error as BusError {
            #expect(error.code == .tooManyRequests && error.fields.map(\.field) == ["challengeAnswer"])
        }
        let challenge = try await client.call(
            Routes.Feedback.messageChallenge, MessageChallengeRequest(), caller: sender)
        var solved = message
        solved.challengeToken = challenge.token
        solved.challengeAnswer = solve(challenge)
        let through = try await client.call(
            Routes.Feedback.messageSubmit, solved, caller: sender, idempotencyKey: "system-4")
        #expect(through.province == "fars")

        feedback.signal(SIGKILL)
        await feedback.stop()
        feedback = try startFeedback(port: port, in: folder, name: "feedback-2")
        let listed = await waitUntil(.seconds(60)) {
            try await client.call(Routes.Feedback.messages, MessageListQuery(), caller: administrator).total == 4
        }
        #expect(listed, "\(feedback.output)")
        do {
            _ = try await client.call(Routes.Feedback.messageSubmit, solved, caller: sender, idempotencyKey: "system-5")
            Issue.record("a spent challenge was accepted again after the restart")
        } catch let error as BusError {
            #expect(error.code == .invalidInput && error.fields.map(\.field) == ["challengeAnswer"])
        }
        do {
            _ = try await client.call(
                Routes.Feedback.messageSubmit, message, caller: sender, idempotencyKey: "system-6")
            Issue.record("the limit was forgotten after the restart")
        } catch let error as BusError {
            #expect(error.code == .tooManyRequests)
        }

        // No requests service on this bus: ownership cannot be proven, so nothing is stored.
        let survey = SurveySubmitRequest(
            processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM",
            answers: SurveyAnswers(satisfaction: 5, onTime: true, explanationClear: true))
        do {
            _ = try await client.call(
                Routes.Feedback.surveySubmit, survey, timeout: .seconds(20), caller: sender, idempotencyKey: "s-1")
            Issue.record("a survey was stored without the requests service")
        } catch let error as BusError {
            #expect(error.code == .unavailable || error.code == .timeout, "\(error)")
        }
        let statistics = try await client.call(
            Routes.Feedback.statistics, FeedbackStatisticsQuery(), caller: administrator)
        #expect(statistics.rows.isEmpty)

        await client.shutdown()
        await feedback.stop()
        await broker.stop()
    }
}
