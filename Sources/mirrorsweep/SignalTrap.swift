import Dispatch
import Foundation
import ZeroMQ

/// Turns SIGINT and SIGTERM into a raised ``StopSignal``; a second signal exits at once.
enum SignalTrap {
    /// Keeps the dispatch sources alive for the life of the process.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Installs the handlers. Signals a parent blocked before starting this process are unblocked.
    static func install(raising stop: StopSignal, onFirst: (@Sendable (Int32) -> Void)? = nil) {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.isRaised { exit(128 + number) }
                onFirst?(number)
                stop.raise()
            }
            source.resume()
            sources.append(source)
        }
    }
}
