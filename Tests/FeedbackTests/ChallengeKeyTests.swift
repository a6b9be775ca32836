import Feedback
import Foundation
import Testing

/// Instances of feedback on several machines share the challenge key through the keys folder.
@Suite("Challenge key: shared through the keys folder")
struct ChallengeKeyTests {
    @Test("a key in the keys folder is used by every instance; without one each data folder makes its own")
    func sharedKey() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("miz-challenge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let keys = root.appendingPathComponent("keys")
        let dataA = root.appendingPathComponent("a")
        let dataB = root.appendingPathComponent("b")
        for folder in [keys, dataA, dataB] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        // No key in the keys folder: each instance makes its own, and the other refuses its token.
        #expect(FeedbackService.challengeKeyFolder(keys: keys, data: dataA) == dataA)
        let ownA = try MessageChallenger.loadingKey(from: FeedbackService.challengeKeyFolder(keys: keys, data: dataA))
        let ownB = try MessageChallenger.loadingKey(from: FeedbackService.challengeKeyFolder(keys: keys, data: dataB))
        #expect(ownA.clientKey(for: "198.51.100.7") != ownB.clientKey(for: "198.51.100.7"))
        // The operator's key in the keys folder: both instances read it and agree.
        try Data(repeating: 42, count: 32).write(to: keys.appendingPathComponent(MessageChallenger.keyFileName))
        #expect(FeedbackService.challengeKeyFolder(keys: keys, data: dataA) == keys)
        let sharedA = try MessageChallenger.loadingKey(
            from: FeedbackService.challengeKeyFolder(keys: keys, data: dataA))
        let sharedB = try MessageChallenger.loadingKey(
            from: FeedbackService.challengeKeyFolder(keys: keys, data: dataB))
        #expect(sharedA.clientKey(for: "198.51.100.7") == sharedB.clientKey(for: "198.51.100.7"))
    }
}
