/// The commands of the worker side of 7/MDP, one byte each on the wire.
package enum WorkerCommand: UInt8, Sendable, CaseIterable {
    case ready = 0x01
    case request = 0x02
    case reply = 0x03
    case heartbeat = 0x04
    case disconnect = 0x05
}
