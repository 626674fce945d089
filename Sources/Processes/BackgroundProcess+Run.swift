#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BackgroundProcess {
    /// Runs `configuration` to its end, standard input from `/dev/null`, and returns what it
    /// printed; blocks the calling thread meanwhile. The output goes to unlinked temporary files,
    /// so a program that writes much to both streams never blocks on a full pipe.
    public static func run(_ configuration: ProcessConfiguration) throws(ProcessError) -> CollectedOutput {
        let output = try temporaryFile(.output)
        defer { close(output) }
        let error = try temporaryFile(.error)
        defer { close(error) }
        let process = try BackgroundProcess(configuration, output: output, error: error)
        switch process.wait() {
        case let .ended(termination):
            return CollectedOutput(
                termination: termination, standardOutput: try contents(output, .output), standardError: try contents(error, .error))
        case let .lost(failure):
            throw failure
        case .running:
            throw .monitor(program: configuration.program, reason: "still running after an unbounded wait")
        }
    }

    /// A new file in `$TMPDIR` (or `/tmp`), already unlinked, open for reading and writing.
    private static func temporaryFile(_ stream: StandardStream) throws(ProcessError) -> Int32 {
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(directory)/processes-\(stream.rawValue)-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else {
            throw .output(stream: stream, reason: "cannot create a file in \(directory): \(String(cString: strerror(errno)))")
        }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        return descriptor
    }

    /// Everything written to `descriptor`, as text.
    private static func contents(_ descriptor: Int32, _ stream: StandardStream) throws(ProcessError) -> String {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw .output(stream: stream, reason: String(cString: strerror(errno)))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw .output(stream: stream, reason: String(cString: strerror(errno)))
            }
            bytes.append(contentsOf: chunk[..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
