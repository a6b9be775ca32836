import Foundation
import Majordomo
import Testing

/// The 7/MDP codec of Shared/Majordomo, frame by frame, as the broker relies on it.
@Suite("Majordomo codec")
struct MajordomoCodecTests {
    private let peer = Data([0x00, 0x6b, 0x8b, 0x45, 0x67])
    private let header = MajordomoProtocol.workerHeader

    private func command(_ command: WorkerCommand) -> Data { Data([command.rawValue]) }

    @Test("every worker command encodes to the spec's frames")
    func workerCommandsEncode() {
        let client = Data([0x00, 0x01, 0x02, 0x03, 0x04])
        #expect(WorkerMessage.ready(service: "echo").frames == [Data(), header, command(.ready), Data("echo".utf8)])
        #expect(
            WorkerMessage.request(client: client, body: [Data("a".utf8), Data("b".utf8)]).frames
                == [Data(), header, command(.request), client, Data(), Data("a".utf8), Data("b".utf8)]
        )
        #expect(
            WorkerMessage.reply(client: client, body: [Data("r".utf8)]).frames
                == [Data(), header, command(.reply), client, Data(), Data("r".utf8)]
        )
        #expect(WorkerMessage.heartbeat.frames == [Data(), header, command(.heartbeat)])
        #expect(WorkerMessage.disconnect.frames == [Data(), header, command(.disconnect)])
    }

    @Test(
        "every worker command decodes back to itself",
        arguments: [
            WorkerMessage.ready(service: "catalog"),
            .request(client: Data([1, 2, 3]), body: []),
            .request(client: Data([1, 2, 3]), body: [Data("{}".utf8), Data(), Data([0xff])]),
            .reply(client: Data([9]), body: [Data("x".utf8)]),
            .heartbeat,
            .disconnect,
        ]
    )
    func workerCommandsRoundTrip(message: WorkerMessage) throws {
        #expect(try WorkerMessage(frames: message.frames[...]) == message)
        let inbound = try BrokerInbound(routerFrames: [peer] + message.frames)
        #expect(inbound == BrokerInbound(peer: peer, sender: .worker(message)))
    }

    @Test("a client request encodes and decodes with its body frames")
    func clientMessageRoundTrip() throws {
        let message = ClientMessage(service: "requests", body: [Data("h".utf8), Data("p".utf8), Data([0, 1])])
        #expect(message.frames == [Data(), MajordomoProtocol.clientHeader, Data("requests".utf8)] + message.body)
        #expect(try ClientMessage(frames: message.frames[...]) == message)
        let inbound = try BrokerInbound(routerFrames: [peer] + message.frames)
        #expect(inbound == BrokerInbound(peer: peer, sender: .client(message)))
        let empty = ClientMessage(service: "echo", body: [])
        #expect(try ClientMessage(frames: empty.frames[...]) == empty)
    }

    /// Router messages that break 7/MDP, each with what is wrong.
    static let malformedCases: [(String, [Data])] = [
        ("too short", [Data([1]), Data()]),
        ("missing delimiter", [Data([1]), MajordomoProtocol.clientHeader, Data("echo".utf8)]),
        ("delimiter not empty", [Data([1]), Data("x".utf8), MajordomoProtocol.clientHeader, Data("echo".utf8)]),
        ("wrong header", [Data([1]), Data(), Data("MDPC02".utf8), Data("echo".utf8)]),
        ("worker header lowercase", [Data([1]), Data(), Data("mdpw01".utf8), Data([1]), Data("echo".utf8)]),
        ("unknown command byte", [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x09])]),
        ("command byte zero", [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x00])]),
        ("two-byte command", [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x01, 0x01]), Data("e".utf8)]),
        ("no command", [Data([1]), Data(), MajordomoProtocol.workerHeader]),
        ("READY without service", [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x01])]),
        ("READY with empty service", [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x01]), Data()]),
        (
            "READY with extra frames",
            [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x01]), Data("e".utf8), Data("x".utf8)]
        ),
        ("REQUEST without client", [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x02])]),
        ("REPLY with empty client", [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x03]), Data(), Data()]),
        (
            "REPLY without delimiter after client",
            [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x03]), Data([7]), Data("body".utf8)]
        ),
        (
            "HEARTBEAT with extra frames",
            [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x04]), Data("x".utf8)]
        ),
        ("DISCONNECT with extra frames", [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x05]), Data()]),
        ("client without service", [Data([1]), Data(), MajordomoProtocol.clientHeader]),
        ("client with empty service", [Data([1]), Data(), MajordomoProtocol.clientHeader, Data()]),
        ("client with non-UTF-8 service", [Data([1]), Data(), MajordomoProtocol.clientHeader, Data([0xff, 0xfe])]),
    ]

    @Test("malformed router messages are refused with a reason", arguments: MajordomoCodecTests.malformedCases)
    func malformedMessagesThrow(name: String, frames: [Data]) {
        #expect(throws: MajordomoProtocolError.self, "\(name)") {
            _ = try BrokerInbound(routerFrames: frames)
        }
    }

    @Test("messages without the leading empty frame are refused")
    func missingLeadingDelimiter() {
        #expect(throws: MajordomoProtocolError.self) {
            _ = try WorkerMessage(frames: [MajordomoProtocol.workerHeader, Data([0x04])][...])
        }
        #expect(throws: MajordomoProtocolError.self) {
            _ = try ClientMessage(frames: [MajordomoProtocol.clientHeader, Data("echo".utf8)][...])
        }
    }
}
