import Formats

/// A square plot area mapping [0, 1]² (or a narrower domain) to SVG coordinates, with axes and grid.
struct SVGPlot {
  var size: Double = 300
  var margin = (left: 44.0, right: 12.0, top: 12.0, bottom: 40.0)
  var xDomain = (0.0, 1.0)
  var yDomain = (0.0, 1.0)

  var width: Double { size + margin.left + margin.right }
  var height: Double { size + margin.top + margin.bottom }

  func x(_ value: Double) -> String {
    fixed(margin.left + (value - xDomain.0) / (xDomain.1 - xDomain.0) * size, 1)
  }

  func y(_ value: Double) -> String {
    fixed(margin.top + size - (value - yDomain.0) / (yDomain.1 - yDomain.0) * size, 1)
  }

  /// The opening tag, grid lines at tenths, tick labels at fifths and axis titles.
  func open(label: String, xTitle: String, yTitle: String) -> String {
    var svg =
      "<svg viewBox=\"0 0 \(fixed(width, 0)) \(fixed(height, 0))\" role=\"img\" aria-label=\"\(escapeHTML(label))\">"
    svg +=
      "<rect x=\"\(x(0))\" y=\"\(y(1))\" width=\"\(fixed(size, 0))\" height=\"\(fixed(size, 0))\" class=\"frame\"/>"
    for tick in 1..<10 {
      let t = Double(tick) / 10
      svg += "<line x1=\"\(x(t))\" y1=\"\(y(0))\" x2=\"\(x(t))\" y2=\"\(y(1))\" class=\"grid\"/>"
      svg += "<line x1=\"\(x(0))\" y1=\"\(y(t))\" x2=\"\(x(1))\" y2=\"\(y(t))\" class=\"grid\"/>"
    }
    for tick in 0...5 {
      let t = Double(tick) / 5
      svg +=
        "<text x=\"\(x(t))\" y=\"\(fixed(margin.top + size + 16, 1))\" class=\"tick\" text-anchor=\"middle\">\(fixed(t, 1))</text>"
      svg +=
        "<text x=\"\(fixed(margin.left - 6, 1))\" y=\"\(y(t))\" class=\"tick\" text-anchor=\"end\" dy=\"0.32em\">\(fixed(t, 1))</text>"
    }
    svg +=
      "<text x=\"\(x(0.5))\" y=\"\(fixed(height - 6, 1))\" class=\"axis\" text-anchor=\"middle\">\(escapeHTML(xTitle))</text>"
    svg +=
      "<text transform=\"translate(12 \(y(0.5))) rotate(-90)\" class=\"axis\" text-anchor=\"middle\">\(escapeHTML(yTitle))</text>"
    return svg
  }

  /// A polyline through `points`.
  func line(_ points: [(Double, Double)], colour: String, width: Double, dashed: Bool = false) -> String {
    var d = ""
    for (index, point) in points.enumerated() {
      d += (index == 0 ? "M" : "L") + x(point.0) + " " + y(point.1)
    }
    let dash = dashed ? " stroke-dasharray=\"5 4\"" : ""
    return
      "<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(fixed(width, 1))\"\(dash) stroke-linejoin=\"round\"/>"
  }
}

/// Text made safe for HTML element content and attribute values.
func escapeHTML(_ text: String) -> String {
  var out = ""
  for character in text {
    switch character {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&#39;"
    default: out.append(character)
    }
  }
  return out
}
