import Foundation
import Testing

/// `mirrorsweep compare` on a real run: a command sweep whose shell program reports validation
/// and test metrics that depend on its method, learning rate and seed (no training).
@Suite("compare on a real run", .serialized)
struct CompareCommandTests {
    /// pilot validates best at learning rate 0.1, l1 at 0.2; the configurations validation does
    /// not choose report a test value of 0.99, so choosing by test would change the result.
    static let program = """
        awk -v m="$1" -v lr="$2" -v s="$3" 'BEGIN {
          first = (lr == 0.1)
          if (m == "pilot") { val = first ? 0.9 : 0.8; test = first ? 0.88 : 0.99 }
          else { val = first ? 0.7 : 0.85; test = first ? 0.99 : 0.80 }
          r = (s % 10) / 100
          printf "{\\"metrics\\": {\\"val_accuracy@0.9\\": %.4f, \\"accuracy@0.9\\": %.4f}}\\n", val + r, test + r
        }' > "$MIRRORSWEEP_RESULT"

        """

    func finishedRun() throws -> String {
        let scripts = FileManager.default.temporaryDirectory.appendingPathComponent("mirrorsweep-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        let script = scripts.appendingPathComponent("metrics.sh").path
        try Self.program.write(toFile: script, atomically: true, encoding: .utf8)
        let fixture = try SweepFixture(name: "compare", yaml: """
            name: compare
            command: ["sh", "\(script)", "{method}", "{learning_rate}", "{seed}"]
            grid:
              method: [pilot, l1]
              learning_rate: [0.1, 0.2]
            seeds: 3

            """)
        let dir = fixture.runDirectory("run")
        let output = try MirrorSweepBinary.run(["run", fixture.specPath, "--workers", "2", "--run-dir", dir], timeout: .seconds(120))
        try #require(output.succeeded, "run failed: \(output.stderr)")
        return dir
    }

    @Test("compare chooses by validation, reads the test metric once and gives the paired verdict; errors name what is wrong")
    func compare() throws {
        let dir = try finishedRun()
        let markdown = try MirrorSweepBinary.run(["compare", dir, "--sparsities", "0.9"], timeout: .seconds(60))
        #expect(markdown.succeeded, "\(markdown.stderr)")
        let lines = markdown.stdout.split(separator: "\n").map(String.init)
        let pilot = try #require(lines.first { $0.contains(" pilot ") && $0.contains("reference") })
        let l1 = try #require(lines.first { $0.contains(" l1 ") })
        #expect(pilot.contains("learning_rate=0.1") && l1.contains("learning_rate=0.2"))
        #expect(l1.contains("pilot wins"))
        #expect(markdown.stdout.contains("Student-t confidence interval"))

        let csv = try MirrorSweepBinary.run(["compare", dir, "--sparsities", "0.9", "--format", "csv"], timeout: .seconds(60))
        let rows = csv.stdout.split(separator: "\r\n")
        #expect(rows.count == 3 && rows[2].hasPrefix("0.9,l1,pilot,2,learning_rate=0.2,3,") && rows[2].hasSuffix(",3,wins,0"), "\(csv.stdout)")

        let reference = try MirrorSweepBinary.run(["compare", dir, "--sparsities", "0.9", "--reference", "gmp"], timeout: .seconds(60))
        #expect(reference.status == 2 && reference.stderr.contains("no configuration has method 'gmp'; the methods: pilot, l1"))
        let metric = try MirrorSweepBinary.run(["compare", dir], timeout: .seconds(60))
        #expect(metric.status == 2 && metric.stderr.contains("unknown metric 'val_accuracy@0.8'") && metric.stderr.contains("val_accuracy@0.9"))
        let missing = try MirrorSweepBinary.run(["compare", dir + "-missing"], timeout: .seconds(60))
        #expect(missing.status == 2 && missing.stderr.contains("no journal.sqlite here"))
    }
}
