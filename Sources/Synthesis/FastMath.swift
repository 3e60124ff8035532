// Embedded Swift has no libm overlay; these few functions are what the renderer needs, accurate to ~1e-4,
// far below one 8-bit grey level.

/// e^(-x) for x ≥ 0 (0 beyond x = 80).
@inline(__always) func negativeExp(_ x: Float) -> Float {
  if x >= 80 { return 0 }
  let y = x * 1.442_695  // log2(e): e^-x = 2^-y
  let whole = y.rounded(.down)
  let f = y - whole  // 2^-f on [0, 1) by a Taylor polynomial of e^(-f ln 2)
  let t = f * 0.693_147_2
  let p = 1 - t * (1 - t * (0.5 - t * (0.166_666_7 - t * (0.041_666_67 - t * 0.008_333_333))))
  return Float(sign: .plus, exponent: -Int(whole), significand: p)
}

/// sin(x) by range reduction to [-π/2, π/2] and an odd polynomial.
func sine(_ x: Float) -> Float {
  let twoPi: Float = 6.283_185_3
  var r = x - twoPi * (x / twoPi).rounded()
  if r > 1.570_796_3 { r = 3.141_592_7 - r } else if r < -1.570_796_3 { r = -3.141_592_7 - r }
  let r2 = r * r
  return r * (1 - r2 / 6 * (1 - r2 / 20 * (1 - r2 / 42 * (1 - r2 / 72))))
}

func cosine(_ x: Float) -> Float { sine(x + 1.570_796_3) }

func clamp(_ x: Float, _ low: Float, _ high: Float) -> Float { min(max(x, low), high) }
