/// Accumulated optical density (three channels per pixel, row-major) of everything on the slide. Each shape
/// touches only its bounding box, so cost grows with the number of objects, not with their product with the field.
struct DensityField {
  let width: Int
  let height: Int
  var density: [SIMD3<Float>]

  init(width: Int, height: Int, base: SIMD3<Float>) {
    self.width = width
    self.height = height
    density = Array(repeating: base, count: width * height)
  }

  /// A red cell: an ellipse with semi-axes `a` along (`cos`, `sin`) and `b` across, thickest at the rim and
  /// thinner by `pallor` at the centre (the biconcave disc's central pallor), edges antialiased over a pixel.
  mutating func addCell(
    x: Float, y: Float, a: Float, b: Float, cos: Float, sin: Float, pallor: Float, amount: Float,
    stain: SIMD3<Float>
  ) {
    forEachPixel(x: x, y: y, radius: a + 1) { px, py, value in
      let u = (px * cos + py * sin) / a
      let v = (-px * sin + py * cos) / b
      let rho = (u * u + v * v).squareRoot()
      let edge = clamp((1 - rho) * b + 0.5, 0, 1)
      if edge <= 0 { return }
      let centre = 1 - smoothstep(0.15, 0.75, rho)
      value += stain * (amount * edge * (1 - pallor * centre))
    }
  }

  /// A Gaussian spot of standard deviation `sigma`, peak `amount`.
  mutating func addSpot(x: Float, y: Float, sigma: Float, amount: Float, stain: SIMD3<Float>) {
    let inverse = 1 / (2 * sigma * sigma)
    forEachPixel(x: x, y: y, radius: 3 * sigma + 1) { px, py, value in
      let r2 = px * px + py * py
      value += stain * (amount * negativeExp(r2 * inverse))
    }
  }

  /// A thin ring of radius `radius` and Gaussian cross-section `width`, thicker toward (`towardX`, `towardY`)
  /// by `crescent` (a ring-stage trophozoite's cytoplasm is rarely even).
  mutating func addRing(
    x: Float, y: Float, radius: Float, width: Float, amount: Float, towardX: Float, towardY: Float,
    crescent: Float, stain: SIMD3<Float>
  ) {
    let inverse = 1 / (2 * width * width)
    forEachPixel(x: x, y: y, radius: radius + 3 * width + 1) { px, py, value in
      let r = (px * px + py * py).squareRoot()
      let d = r - radius
      let facing = r > 0 ? (px * towardX + py * towardY) / r : 0
      value += stain * (amount * (1 + crescent * facing) * negativeExp(d * d * inverse))
    }
  }

  /// Calls `body` with each pixel centre's offset from (x, y) within `radius`, clipped to the field.
  private mutating func forEachPixel(
    x: Float, y: Float, radius: Float, _ body: (Float, Float, inout SIMD3<Float>) -> Void
  ) {
    let x0 = max(0, Int((x - radius).rounded(.down)))
    let x1 = min(width - 1, Int((x + radius).rounded(.up)))
    let y0 = max(0, Int((y - radius).rounded(.down)))
    let y1 = min(height - 1, Int((y + radius).rounded(.up)))
    if x0 > x1 || y0 > y1 { return }
    for row in y0...y1 {
      let py = Float(row) + 0.5 - y
      for column in x0...x1 {
        body(Float(column) + 0.5 - x, py, &density[row * width + column])
      }
    }
  }
}

func smoothstep(_ low: Float, _ high: Float, _ x: Float) -> Float {
  let t = clamp((x - low) / (high - low), 0, 1)
  return t * t * (3 - 2 * t)
}
