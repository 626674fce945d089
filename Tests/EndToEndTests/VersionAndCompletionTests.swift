import Testing

/// `mirrorsweep version` and the generated shell completion scripts (README, "Shell completion").
@Suite("mirrorsweep version and shell completion")
struct VersionAndCompletionTests {
    @Test("`version` prints what `--version` prints, then the protocol, journal schema and Swift versions")
    func version() throws {
        let flag = try MirrorSweepBinary.run(["--version"], timeout: .seconds(30))
        let command = try MirrorSweepBinary.run(["version"], timeout: .seconds(30))
        #expect(flag.succeeded && command.succeeded, "version failed: \(command.stderr)")
        let lines = command.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == flag.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) } == ["protocol", "journal", "built"])
        #expect(lines.contains("protocol        1"))
        #expect(lines.contains("journal schema  3"))
        #expect(lines.last?.hasPrefix("built with      Swift 6.") == true, "\(command.stdout)")
    }

    @Test("--generate-completion-script produces a script naming the subcommands", arguments: ["bash", "zsh", "fish"])
    func completion(shell: String) throws {
        let output = try MirrorSweepBinary.run(["--generate-completion-script", shell], timeout: .seconds(30))
        #expect(output.succeeded, "no \(shell) script: \(output.stderr)")
        for subcommand in ["plan", "run", "serve", "work", "status", "version"] {
            #expect(output.stdout.contains(subcommand), "the \(shell) script does not mention \(subcommand)")
        }
        #expect(output.stdout.contains("--connect") || output.stdout.contains("connect"))
    }

    @Test("an unknown shell is refused with the allowed ones")
    func unknownShell() throws {
        let output = try MirrorSweepBinary.run(["--generate-completion-script", "tcsh"], timeout: .seconds(30))
        #expect(!output.succeeded)
        #expect(output.stderr.contains("zsh") && output.stderr.contains("bash") && output.stderr.contains("fish"), "\(output.stderr)")
    }
}
