import Foundation
import SweepSpecs

/// Axis titles and short symbols for metrics and spec fields, in the notation of RESEARCH.md.
enum PlotNames {
    /// An axis title naming the quantity and, where it has one, its unit or definition.
    static func title(_ name: String) -> String {
        switch name {
        case "recovery_error": return "recovery error ‖x − x*‖₂"
        case "generalization_error": return "generalization error ‖x − x*‖₂²"
        case "bias_gap": return "distance to the predicted interpolant ‖x − x_pred‖₂"
        case "predicted_recovery_error": return "predicted recovery error ‖x_pred − x*‖₂"
        case "lasso_gap": return "distance to the lasso solution ‖x − x_lasso‖₂"
        case "test_mse": return "test mean squared error"
        case "train_loss": return "training loss (1/2n)‖Zx − y‖²"
        case "sparsity": return "sparsity (fraction of |xᵢ| ≤ threshold)"
        case "nonzeros": return "nonzero entries of x (count)"
        case "l1": return "‖x‖₁"
        case "l2": return "‖x‖₂"
        case "lambda_integral": return "integrated weight decay Λₜ"
        case "weight_decay": return "weight decay λ"
        case "learning_rate": return "learning rate η"
        case "init_scale": return "initialization scale a₀"
        case "depth": return "depth L"
        case "noise": return "label noise σ"
        case "samples": return "training samples n"
        case "dimension": return "dimension d"
        case "steps": return "training steps"
        case "step": return "training step t (iterations)"
        case "batch_size": return "batch size (rows)"
        case "momentum": return "momentum β"
        default: return name.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// A short symbol for an axis in point labels (`λ` for `weight_decay`); the name when none.
    static func symbol(_ axis: String) -> String {
        let symbols = ["weight_decay": "λ", "learning_rate": "η", "depth": "L", "init_scale": "a₀", "noise": "σ",
                       "samples": "n", "dimension": "d", "sparsity": "k", "momentum": "β", "batch_size": "B", "steps": "T"]
        return symbols[axis] ?? axis
    }

    /// An axis value for labels: numbers as `λ=0.05`, other values (schedules, parameterizations) as written.
    static func short(_ value: AxisValue) -> String {
        Double(value.value) == nil ? value.value : symbol(value.name) + "=" + value.value
    }
}
