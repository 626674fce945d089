/// An axis-aligned rectangle in pixels.
struct PlotRect: Hashable, Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    /// The area shared with `other`.
    func overlap(_ other: PlotRect) -> Double {
        let w = min(x + width, other.x + other.width) - max(x, other.x)
        let h = min(y + height, other.y + other.height) - max(y, other.y)
        return w > 0 && h > 0 ? w * h : 0
    }

    /// Whether the rectangle lies inside `other`.
    func isInside(_ other: PlotRect) -> Bool {
        x >= other.x && y >= other.y && x + width <= other.x + other.width && y + height <= other.y + other.height
    }

    /// The point of the rectangle nearest to (px, py).
    func nearest(to px: Double, _ py: Double) -> (Double, Double) {
        (min(max(px, x), x + width), min(max(py, y), y + height))
    }
}

/// Where a point label goes: its text box, the text anchor and, when pushed away, a leader line.
struct PlotLabelPlacement: Hashable, Sendable {
    var text: String
    var box: PlotRect
    /// The point the label belongs to.
    var pointX: Double
    var pointY: Double
    /// Whether the label sits away from its point and needs a leader line.
    var leader: Bool
}

/// Greedy placement of point labels: labels of coinciding points, and equal labels of nearby
/// points, are merged; then each label takes the first free spot among eight directions at
/// growing distances, inside the bounds. A label with no free spot is dropped (its point keeps
/// its tooltip): labels never overlap markers or each other.
enum PlotLabels {
    /// The approximate width of `text` in a sans-serif font of `size` pixels.
    static func width(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.6
    }

    /// Places `labels` (at pixel positions) inside `bounds`, clear of `obstacles` and each other;
    /// those that fit nowhere are left out.
    static func place(_ labels: [(x: Double, y: Double, text: String)], obstacles: [PlotRect], bounds: PlotRect,
                      fontSize: Double) -> [PlotLabelPlacement] {
        var merged: [(x: Double, y: Double, texts: [String])] = []
        for label in labels {
            let near = { (m: (x: Double, y: Double, texts: [String])) -> Bool in
                let d = max(abs(m.x - label.x), abs(m.y - label.y))
                return d < 4 || (d < 24 && m.texts.contains(label.text))
            }
            if let i = merged.firstIndex(where: near) {
                if !merged[i].texts.contains(label.text) { merged[i].texts.append(label.text) }
            } else {
                merged.append((label.x, label.y, [label.text]))
            }
        }
        let height = fontSize * 1.25
        var taken = obstacles
        var placements: [PlotLabelPlacement] = []
        for item in merged {
            let text = item.texts.joined(separator: "; ")
            let w = width(text, size: fontSize)
            var best: (box: PlotRect, ring: Int)?
            search: for (ring, distance) in [6.0, 14, 26, 40, 56].enumerated() {
                for (dx, dy) in [(1.0, 0.0), (-1, 0), (1, -1), (1, 1), (-1, -1), (-1, 1), (0, -1), (0, 1)] {
                    let cx = item.x + dx * distance
                    let cy = item.y + dy * distance
                    let box = PlotRect(x: dx > 0 ? cx : dx < 0 ? cx - w : cx - w / 2,
                                       y: dy > 0 ? cy : dy < 0 ? cy - height : cy - height / 2, width: w, height: height)
                    if box.isInside(bounds) && !taken.contains(where: { box.overlap($0) > 0 }) {
                        best = (box, ring)
                        break search
                    }
                }
            }
            guard let best else { continue }
            taken.append(best.box)
            placements.append(PlotLabelPlacement(text: text, box: best.box, pointX: item.x, pointY: item.y, leader: best.ring > 0))
        }
        return placements
    }
}
