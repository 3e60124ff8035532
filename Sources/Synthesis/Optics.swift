import Imaging

/// The microscope and camera: lamp with vignetting and a gradient, defocus blur, sensor noise, 8-bit output.
struct Optics {
  let parameters: CaptureParameters
  let width: Int
  let height: Int

  func expose(_ field: DensityField, random: inout SplitMix64) -> Image {
    let vignette = random.uniform(0.1, 0.25)
    let gradientAngle = random.uniform(0, 6.283_185)
    let gx = cosine(gradientAngle) * parameters.illuminationGradient / 2
    let gy = sine(gradientAngle) * parameters.illuminationGradient / 2
    let lamp = SIMD3<Float>(1, 0.985, 0.95) * (255 * parameters.illumination)
    let cx = Float(width) / 2
    let cy = Float(height) / 2
    let halfDiagonal2 = cx * cx + cy * cy
    var light = [SIMD3<Float>](repeating: .zero, count: width * height)
    for row in 0..<height {
      let dy = Float(row) + 0.5 - cy
      for column in 0..<width {
        let dx = Float(column) + 0.5 - cx
        let level = (1 - vignette * (dx * dx + dy * dy) / halfDiagonal2) * (1 + gx * dx / cx + gy * dy / cy)
        let od = field.density[row * width + column]
        light[row * width + column] = lamp * level * SIMD3(negativeExp(od.x), negativeExp(od.y), negativeExp(od.z))
      }
    }
    let sigma = parameters.blur * Float(min(width, height)) / 256
    if sigma > 0.05 { GaussianBlur(sigma: sigma).apply(to: &light, width: width, height: height) }
    var pixels = [UInt8](repeating: 0, count: width * height * 3)
    for index in 0..<light.count {
      for channel in 0..<3 {
        let value = light[index][channel] + parameters.noise * random.normal()
        pixels[index * 3 + channel] = UInt8(clamp(value.rounded(), 0, 255))
      }
    }
    return Image(width: width, height: height, channels: 3, pixels: pixels)
  }
}

/// Separable Gaussian blur with edge clamping; the kernel spans ±3σ.
struct GaussianBlur {
  let weights: [Float]

  init(sigma: Float) {
    let radius = max(1, Int((3 * sigma).rounded(.up)))
    let raw = (-radius...radius).map { negativeExp(Float($0 * $0) / (2 * sigma * sigma)) }
    let total = raw.reduce(0, +)
    weights = raw.map { $0 / total }
  }

  func apply(to pixels: inout [SIMD3<Float>], width: Int, height: Int) {
    let radius = weights.count / 2
    var scratch = pixels
    for row in 0..<height {
      for column in 0..<width {
        var sum = SIMD3<Float>.zero
        for (k, weight) in weights.enumerated() {
          let x = min(width - 1, max(0, column + k - radius))
          sum += pixels[row * width + x] * weight
        }
        scratch[row * width + column] = sum
      }
    }
    for row in 0..<height {
      for column in 0..<width {
        var sum = SIMD3<Float>.zero
        for (k, weight) in weights.enumerated() {
          let y = min(height - 1, max(0, row + k - radius))
          sum += scratch[y * width + column] * weight
        }
        pixels[row * width + column] = sum
      }
    }
  }
}
