import Foundation
import Synchronization

/// Finds the executables built with the tests: they sit beside the test bundle in the build
/// folder (`.build/debug`), whatever scratch path the build used.
enum Executables {
    /// The build folder of this test run.
    static let folder: URL = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("broker").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug")
    }()

    /// The path of a built executable such as `broker`, `gateway` or `desk`.
    static func url(_ name: String) -> URL {
        folder.appendingPathComponent(name)
    }
}

/// Ports for one test, taken below the kernel's ephemeral range (32768 and up), so that no
/// outgoing connection of another test can take a port between the check and the child's bind;
/// a cursor shared by the whole test process keeps two tests from being handed the same one.
enum FreePort {
    private static let cursor = Atomic<Int>(Int.random(in: 0..<lowRange.count))
    private static let lowRange = 20_000..<32_000

    /// One free port.
    static func next() -> Int { block(of: 1) }

    /// The first of `count` consecutive free ports, for a desk whose brokers listen on
    /// `--broker-port` and the ports after it.
    static func block(of count: Int) -> Int {
        while true {
            let offset = cursor.wrappingAdd(count, ordering: .relaxed).oldValue % lowRange.count
            let first = lowRange.lowerBound + offset
            guard first + count <= lowRange.upperBound else { continue }
            if (first..<first + count).allSatisfy(isFree) { return first }
        }
    }

    private static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        return bound == 0
    }
}
