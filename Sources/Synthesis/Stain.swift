/// Optical densities (absorbance per RGB channel at unit amount) of what a Giemsa-stained thin smear holds.
/// Colours come from Beer–Lambert: transmitted light = lamp × e^(−Σ density), so overlapping cells and stains
/// darken each other the way they do under a microscope.
struct StainPalette {
  var plasma: SIMD3<Float>
  var redCell: SIMD3<Float>
  var chromatin: SIMD3<Float>
  var cytoplasm: SIMD3<Float>
  var platelet: SIMD3<Float>
  var precipitate: SIMD3<Float>

  /// The palette of a stain batch rotated by `hue` degrees around the grey axis and its chromatic part scaled
  /// by `saturation`.
  init(hue: Float, saturation: Float) {
    let rotation = HueRotation(degrees: hue, saturation: saturation)
    plasma = rotation.apply(SIMD3(0.03, 0.05, 0.04))
    redCell = rotation.apply(SIMD3(0.10, 0.36, 0.27))
    chromatin = rotation.apply(SIMD3(0.75, 1.45, 0.55))
    cytoplasm = rotation.apply(SIMD3(0.85, 0.55, 0.18))
    platelet = rotation.apply(SIMD3(0.50, 0.85, 0.32))
    precipitate = rotation.apply(SIMD3(0.80, 0.95, 0.45))
  }
}

/// Rodrigues' rotation about (1,1,1)/√3, then a scale of the distance from grey; densities stay ≥ 0.
private struct HueRotation {
  let cosTheta: Float
  let sinTheta: Float
  let saturation: Float

  init(degrees: Float, saturation: Float) {
    let radians = degrees * 0.017_453_292
    cosTheta = cosine(radians)
    sinTheta = sine(radians)
    self.saturation = saturation
  }

  func apply(_ v: SIMD3<Float>) -> SIMD3<Float> {
    let k: Float = 0.577_350_3
    let cross = SIMD3(k * (v.z - v.y), k * (v.x - v.z), k * (v.y - v.x))
    let along = k * k * (v.x + v.y + v.z) * (1 - cosTheta)
    let rotated = v * cosTheta + cross * sinTheta + SIMD3(repeating: along)
    let mean = (rotated.x + rotated.y + rotated.z) / 3
    let scaled = SIMD3(repeating: mean) + (rotated - SIMD3(repeating: mean)) * saturation
    return scaled.replacing(with: 0, where: scaled .< 0)
  }
}
