import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the desk writes for the operator: whole lines, unbuffered, so that progress shows at
/// once even when the output is a pipe. A closed terminal or pipe is ignored, not fatal.
package struct Console: Sendable {
    /// Writes to standard output and standard error.
    package init() {}

    /// Writes text followed by a newline to standard output.
    package func line(_ text: String) {
        Self.write(text + "\n", to: STDOUT_FILENO)
    }

    /// Writes text as it is to standard output.
    package func write(_ text: String) {
        Self.write(text, to: STDOUT_FILENO)
    }

    /// Writes text followed by a newline to standard error.
    package func error(_ text: String) {
        Self.write(text + "\n", to: STDERR_FILENO)
    }

    /// A progress line of `desk up`: the local time and the text.
    package func progress(_ text: String) {
        let now = Calendar(identifier: .gregorian).dateComponents([.hour, .minute, .second], from: Date())
        let time = String(format: "%02d:%02d:%02d", now.hour ?? 0, now.minute ?? 0, now.second ?? 0)
        line("[\(time)] \(text)")
    }

    /// Writes all bytes with write(2), giving up silently when the reader has gone.
    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                    Glibc.write(descriptor, raw.baseAddress, raw.count)
                #else
                    Darwin.write(descriptor, raw.baseAddress, raw.count)
                #endif
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
