import Foundation

/// Colours, marker shapes and dash patterns told apart without colour vision.
enum PlotPalette {
    /// The Okabe–Ito colour-blind-safe palette, strongest on white first, with grey for its yellow (too pale on white).
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#888888"]

    /// Marker shapes; a series' shape changes with its colour, so both carry the series.
    enum Marker: CaseIterable {
        case circle, square, triangle, diamond, triangleDown, cross, star
    }

    /// Line dash patterns (SVG `stroke-dasharray`), nil for solid.
    static let dashes: [String?] = [nil, "6 3", "2 2", "8 3 2 3"]

    static func colour(_ series: Int) -> String { colours[series % colours.count] }

    static func marker(_ series: Int) -> Marker { Marker.allCases[series % Marker.allCases.count] }

    static func dash(_ series: Int) -> String? { dashes[(series / colours.count + series) % dashes.count] }

    /// The SVG element drawing `marker` of radius `r` at (x, y), with the given class and colour.
    static func markerElement(_ marker: Marker, x: Double, y: Double, r: Double, className: String,
                              colour: String, title: String?) -> String {
        let n = SVGDocument.number
        func poly(_ points: [(Double, Double)]) -> String { SVGDocument.path(points.map { (x + $0.0 * r, y + $0.1 * r) }) + " Z" }
        let shape: (name: String, geometry: String)
        switch marker {
        case .circle:
            shape = ("circle", "cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\"")
        case .square:
            shape = ("path", "d=\"\(poly([(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)]))\"")
        case .triangle:
            shape = ("path", "d=\"\(poly([(0, -1.15), (1.05, 0.75), (-1.05, 0.75)]))\"")
        case .diamond:
            shape = ("path", "d=\"\(poly([(0, -1.2), (1.1, 0), (0, 1.2), (-1.1, 0)]))\"")
        case .triangleDown:
            shape = ("path", "d=\"\(poly([(0, 1.15), (1.05, -0.75), (-1.05, -0.75)]))\"")
        case .cross:
            shape = ("path", "d=\"\(poly([(-0.35, -1), (0.35, -1), (0.35, -0.35), (1, -0.35), (1, 0.35), (0.35, 0.35), (0.35, 1), (-0.35, 1), (-0.35, 0.35), (-1, 0.35), (-1, -0.35), (-0.35, -0.35)]))\"")
        case .star:
            let pts = (0..<10).map { i -> (Double, Double) in
                let angle = Double(i) * Double.pi / 5 - Double.pi / 2
                let radius = i % 2 == 0 ? 1.25 : 0.55
                return (radius * cos(angle), radius * sin(angle))
            }
            shape = ("path", "d=\"\(poly(pts))\"")
        }
        let style = "class=\"\(className)\" fill=\"\(colour)\" stroke=\"#ffffff\" stroke-width=\"0.8\""
        guard let title else { return "<\(shape.name) \(shape.geometry) \(style)/>" }
        return "<\(shape.name) \(shape.geometry) \(style)><title>\(SVGDocument.escape(title))</title></\(shape.name)>"
    }
}
