import ArgumentParser

@main
struct MirrorSweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirrorsweep",
        abstract: "Reproducible sweeps of weight decay and implicit regularization."
    )
}
