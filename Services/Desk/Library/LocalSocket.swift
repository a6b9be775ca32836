import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small POSIX socket helpers for 127.0.0.1: a listening socket and a check that a port is
/// free.
package enum LocalSocket {
    /// Why a socket could not be opened.
    package struct Failure: Error, CustomStringConvertible {
        /// What was attempted, with the system's reason.
        package var description: String
    }

    /// `SOCK_STREAM` as `socket(2)` wants it on this platform.
    private static var streamType: Int32 {
        #if canImport(Glibc)
            Int32(SOCK_STREAM.rawValue)
        #else
            SOCK_STREAM
        #endif
    }

    /// Opens a TCP socket bound to 127.0.0.1:`port` (with SO_REUSEADDR, so a port left in
    /// TIME_WAIT is usable) and, when `backlog` is given, listening.
    package static func bound(port: Int, listen backlog: Int32?) throws(Failure) -> Int32 {
        let descriptor = socket(AF_INET, streamType, 0)
        guard descriptor >= 0 else { throw Failure(description: "socket(): \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if bound != 0 {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "cannot bind 127.0.0.1:\(port): \(reason)")
        }
        if let backlog, listen(descriptor, backlog) != 0 {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "cannot listen on 127.0.0.1:\(port): \(reason)")
        }
        return descriptor
    }

    /// True when nothing listens on 127.0.0.1:`port`, so a child may bind it.
    package static func isFree(port: Int) -> Bool {
        guard let descriptor = try? bound(port: port, listen: nil) else { return false }
        close(descriptor)
        return true
    }
}
