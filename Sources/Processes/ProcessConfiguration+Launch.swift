import Subprocess

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ProcessConfiguration {
    /// The program's name as the user gave it.
    var program: String { arguments.first ?? "" }

    /// The program's path: found on `PATH` (the one the program gets) when its name has no slash,
    /// else relative to the working directory; nil when no executable file of that name is on `PATH`.
    var executablePath: String? {
        guard program.contains("/") else {
            let path = environment["PATH"].map { $0 ?? "" } ?? getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
            return ExecutableLookup.resolve(program, path: path)
        }
        if !program.hasPrefix("/"), let directory = workingDirectory {
            return directory + "/" + program
        }
        return program
    }

    /// This process's environment with ``environment``'s changes.
    var subprocessEnvironment: Environment {
        var updates: [Environment.Key: String?] = [:]
        for (key, value) in environment { updates[Environment.Key(stringLiteral: key)] = value }
        return .inherit.updating(updates)
    }

    /// The error for a program that is not an executable file on `PATH`.
    var notFound: ProcessError {
        .launch(program: program, errno: ENOENT, reason: "\(program) is not an executable file on PATH")
    }
}
