import Core
import Foundation

/// A parsed sweep spec: a base configuration, axes whose Cartesian product is the grid, and seeds.
/// With `command`, the configuration is the fields of a ``CommandTrial`` instead of a `TrialConfig`.
///
/// `docs/SPEC.md` describes the YAML format. Expand it into trials with `expand()`.
public struct SweepSpec: Sendable {
    /// The sweep's name (`[A-Za-z0-9._-]+`), the file name without extension by default.
    public var name: String
    /// Free text from the spec's `description`.
    public var description: String?
    /// The path the spec was read from, used in error messages.
    public var file: String
    /// The seeds every grid point runs with, in spec order.
    public var seeds: [UInt64]

    /// Fields set by `base` (core sweeps).
    let base: [SpecEntry]
    /// Grid axes in spec order, then zip groups in spec order (core sweeps).
    let axes: [SpecAxis<SpecEntry>]
    /// The command, its fields and axes; nil for a sweep of the built-in core.
    let commandSweep: CommandSweep?
    /// Where the document starts, for errors about fields left at their defaults.
    let root: SourceLocation

    /// The axis field names in product order (a zip group's fields in their spec order).
    public var axisNames: [String] { commandSweep.map { $0.axes.flatMap(\.names) } ?? axes.flatMap(\.names) }

    /// The command template of a sweep with `command`, nil for a sweep of the built-in core.
    public var command: [String]? { commandSweep?.command }

    /// The most trials (grid points × seeds) a spec may have; parsing refuses larger ones, so that
    /// the counts below and ``expand()`` stay within memory.
    public static let maxTrials = 10_000_000

    /// The number of grid points (configurations before seeds).
    public var pointCount: Int {
        (commandSweep.map { $0.axes.map(\.points.count) } ?? axes.map(\.points.count)).reduce(1, *)
    }

    /// The number of trials: grid points × seeds.
    public var trialCount: Int { pointCount * seeds.count }

    /// Reads and parses the spec at `path`.
    public static func load(path: String) throws(SpecError) -> SweepSpec {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .specUnreadable(path: path, reason: error.localizedDescription)
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses spec text; `file` names the source in errors and gives the default name.
    public static func parse(yaml: String, file: String) throws(SpecError) -> SweepSpec {
        try SpecParser(file: file).parse(yaml)
    }

    init(name: String, description: String?, file: String, seeds: [UInt64],
         base: [SpecEntry], axes: [SpecAxis<SpecEntry>], commandSweep: CommandSweep? = nil, root: SourceLocation) {
        self.name = name
        self.description = description
        self.file = file
        self.seeds = seeds
        self.base = base
        self.axes = axes
        self.commandSweep = commandSweep
        self.root = root
    }
}

/// One field value written in the spec, with where it was written.
struct SpecEntry: Sendable {
    var field: ConfigField
    var value: ConfigValue
    /// The field's path in the spec, e.g. `base.depth` or `grid.weight_decay[2]`.
    var path: String
    var location: SourceLocation
}

/// One axis of the product: a grid field, or a zip group whose fields vary together.
struct SpecAxis<Entry: Sendable>: Sendable {
    /// The axis's field names, in spec order.
    var names: [String]
    /// `points[i]` holds one entry per field, in `names` order.
    var points: [[Entry]]

    /// The entries of grid point `point` of `axes` (product order: first axis outermost).
    static func entries(ofPoint point: Int, of axes: [SpecAxis]) -> [[Entry]] {
        var rest = point
        var result = [[Entry]](repeating: [], count: axes.count)
        for a in axes.indices.reversed() {
            result[a] = axes[a].points[rest % axes[a].points.count]
            rest /= axes[a].points.count
        }
        return result
    }
}
