/// A minimal SVG writer: elements are appended as text and numbers written with at most two
/// decimals, so the same drawing calls give byte-identical output. Attribute values and text are
/// escaped by the writer.
struct SVGDocument {
    /// The drawing's width and height in user units (pixels).
    let width: Double
    let height: Double
    private var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Appends raw markup.
    mutating func append(_ element: String) {
        body.append(element)
    }

    /// Opens a group with the given attributes; close it with `close()`.
    mutating func open(_ attributes: [(String, String)]) {
        body.append("<g" + Self.attributes(attributes) + ">")
    }

    /// Closes the innermost group.
    mutating func close() {
        body.append("</g>")
    }

    /// An element `name` with attributes (escaped here) and optional markup inside.
    mutating func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) {
        if let content {
            body.append("<\(name)\(Self.attributes(attributes))>\(content)</\(name)>")
        } else {
            body.append("<\(name)\(Self.attributes(attributes))/>")
        }
    }

    /// A line segment.
    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ attributes: [(String, String)] = []) {
        element("line", [("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2))]
                + attributes)
    }

    /// Text anchored at (x, y); `text` is escaped here.
    mutating func text(_ x: Double, _ y: Double, _ text: String, _ attributes: [(String, String)] = []) {
        element("text", [("x", Self.number(x)), ("y", Self.number(y))] + attributes, content: Self.escape(text))
    }

    /// The complete `<svg>` element, with a white background and the given class; `namespace`
    /// adds the `xmlns` attribute a standalone file needs (HTML's parser supplies it inline).
    func render(className: String, namespace: Bool) -> String {
        let size = "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
        let header = "<svg" + (namespace ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") + " class=\"\(className)\" \(size) "
            + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" font-family=\"\(Self.fontFamily)\" font-size=\"12\">"
        let background = "<rect class=\"background\" x=\"0\" y=\"0\" \(size) fill=\"#ffffff\"/>"
        return ([header, background] + body + ["</svg>"]).joined(separator: "\n") + "\n"
    }

    /// Locally installed sans-serif fonts only: no web fonts.
    static let fontFamily = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"

    /// A coordinate with at most two decimals and no trailing zeros (`12`, `3.5`, `-0.25`).
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let hundredths = Int64((x * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let a = hundredths.magnitude
        let whole = a / 100
        let fraction = a % 100
        if fraction == 0 { return sign + String(whole) }
        let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction)
        return sign + String(whole) + "." + digits
    }

    /// Escapes `&`, `<`, `>` and `"` for text and attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// An SVG path's `d` from absolute points: `M x y L x y …`.
    static func path(_ points: [(Double, Double)]) -> String {
        points.enumerated().map { i, p in (i == 0 ? "M" : "L") + number(p.0) + " " + number(p.1) }.joined(separator: " ")
    }

    private static func attributes(_ list: [(String, String)]) -> String {
        list.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }
}
