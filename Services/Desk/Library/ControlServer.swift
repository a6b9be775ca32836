import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One HTTP request the control server received.
package struct ControlRequest: Sendable, Equatable {
    /// `GET`, `POST`, …
    package var method: String
    /// The path without the query, such as `/processes`.
    package var path: String
    /// The body (empty when none).
    package var body: Data

    /// Makes a request from its parts.
    package init(method: String, path: String, body: Data = Data()) {
        self.method = method
        self.path = path
        self.body = body
    }

    /// Parses a request head and body as received, or returns nil while it is incomplete.
    /// Throws when it is malformed or too large.
    package static func parse(_ buffer: Data, maximumBody: Int = 64 * 1024) throws(ControlResponse) -> ControlRequest? {
        let separator = Data("\r\n\r\n".utf8)
        guard let headEnd = buffer.range(of: separator) else {
            if buffer.count > 16 * 1024 { throw ControlResponse.error(431, "request head too large") }
            return nil
        }
        guard let head = String(data: buffer[buffer.startIndex..<headEnd.lowerBound], encoding: .utf8) else {
            throw ControlResponse.error(400, "request head is not UTF-8")
        }
        let lines = head.components(separatedBy: "\r\n")
        let parts = (lines.first ?? "").split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            throw ControlResponse.error(400, "malformed request line")
        }
        var length = 0
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                guard let value = Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)),
                    value >= 0
                else { throw ControlResponse.error(400, "bad Content-Length") }
                length = value
            }
        }
        guard length <= maximumBody else { throw ControlResponse.error(413, "body larger than \(maximumBody) bytes") }
        let bodyStart = headEnd.upperBound
        guard buffer.count - (bodyStart - buffer.startIndex) >= length else { return nil }
        let target = String(parts[1])
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        return ControlRequest(
            method: String(parts[0]).uppercased(), path: path, body: Data(buffer[bodyStart..<(bodyStart + length)]))
    }
}

/// The control server's answer: a status and a JSON body.
package struct ControlResponse: Error, Sendable, Equatable {
    /// The HTTP status code.
    package var status: Int
    /// The JSON body.
    package var body: Data

    /// Makes an answer from a status and a JSON body.
    package init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }

    /// The body of every error answer: `{"error": "…"}`.
    package struct ErrorBody: Codable, Sendable, Equatable {
        /// What went wrong, for the operator.
        package var error: String
    }

    /// An error answer with a message.
    package static func error(_ status: Int, _ message: String) -> ControlResponse {
        ControlResponse(status: status, body: (try? JSONEncoder().encode(ErrorBody(error: message))) ?? Data("{}".utf8))
    }

    /// The bytes of the whole HTTP/1.1 response; the connection closes after it.
    package var serialized: Data {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return Data(head.utf8) + body
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 413: "Content Too Large"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// The desk's control HTTP server on 127.0.0.1: a small HTTP/1.1 server (one request per
/// connection) for `desk scale` and `desk status` in another terminal.
///
/// The listening socket is watched by a dispatch source, so nothing polls; each connection is
/// read on a dispatch queue (with a receive timeout) and answered by the async handler.
package final class ControlServer: Sendable {
    /// Answers one request.
    package typealias Handler = @Sendable (ControlRequest) async -> ControlResponse

    /// The dispatch source watching the listening socket; nil once stopped.
    private let source: Mutex<(any DispatchSourceRead)?>

    /// Binds 127.0.0.1:`port` and starts answering with `handler`.
    package init(port: Int, handler: @escaping Handler) throws(LocalSocket.Failure) {
        let listener = try LocalSocket.bound(port: port, listen: 32)
        _ = fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK)
        let queue = DispatchQueue(label: "miz.desk.control", attributes: .concurrent)
        let source = DispatchSource.makeReadSource(fileDescriptor: listener, queue: queue)
        source.setEventHandler {
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                queue.async { Self.serve(connection, queue: queue, handler: handler) }
            }
        }
        source.setCancelHandler { close(listener) }
        source.resume()
        self.source = Mutex(source)
    }

    /// Stops listening; connections in hand are still answered.
    package func stop() {
        let running = source.withLock { source in
            defer { source = nil }
            return source
        }
        running?.cancel()
    }

    deinit { stop() }

    /// Reads one request from a connection (blocking, on the server's queue, with a 5 s
    /// receive timeout), answers it and closes the connection.
    private static func serve(_ connection: Int32, queue: DispatchQueue, handler: @escaping Handler) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        _ = setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        let request: ControlRequest
        do throws(ControlResponse) {
            while true {
                if let parsed = try ControlRequest.parse(buffer) {
                    request = parsed
                    break
                }
                let count = recv(connection, &chunk, chunk.count, 0)
                guard count > 0 else { throw ControlResponse.error(408, "incomplete request") }
                buffer.append(contentsOf: chunk[0..<count])
            }
        } catch {
            write(error.serialized, to: connection)
            close(connection)
            return
        }
        Task {
            let response = await handler(request)
            queue.async {
                write(response.serialized, to: connection)
                close(connection)
            }
        }
    }

    /// Writes all bytes, or gives up when the peer has gone.
    private static func write(_ data: Data, to connection: Int32) {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                #if canImport(Glibc)
                    let flags = Int32(MSG_NOSIGNAL)
                #else
                    let flags: Int32 = 0
                #endif
                let written = send(connection, base + offset, raw.count - offset, flags)
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
