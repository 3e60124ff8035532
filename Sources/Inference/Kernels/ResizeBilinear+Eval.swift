extension ResizeBilinearPlan {
  /// Per output pixel, 16 channels at a time: the four weighted samples summed in 32 bits (at most
  /// 128 · 2048² in magnitude, so the reference's 64-bit sum never needs more) and rounded like the reference.
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    var out = output
    for b in 0..<batches {
      let image = input + b * inputHeight * inputWidth * depth
      for row in rows {
        let (top, bottom) = (image + row.lower, image + row.upper)
        for column in columns {
          let weights = Weights(row.weight, column.weight)
          let samples = (top + column.lower, bottom + column.lower, top + column.upper, bottom + column.upper)
          var c = 0
          while c + 16 <= depth {
            func load(_ p: UnsafePointer<Int8>) -> SIMD16<Int32> {
              widened(UnsafeRawPointer(p + c).loadUnaligned(as: SIMD16<Int8>.self))
            }
            let sum =
              load(samples.0) &* weights.topLeft &+ load(samples.1) &* weights.bottomLeft &+ load(samples.2)
              &* weights.topRight &+ load(samples.3) &* weights.bottomRight
            let magnitude = (sum.replacing(with: 0 &- sum, where: sum .< 0) &+ (1 << 19)) &>> 20
            let rounded = magnitude.replacing(with: 0 &- magnitude, where: sum .< 0)
            UnsafeMutableRawPointer(out + c).storeBytes(of: truncated(rounded), as: SIMD16<Int8>.self)
            c += 16
          }
          while c < depth {
            let sum =
              Int32(samples.0[c]) * weights.topLeft + Int32(samples.1[c]) * weights.bottomLeft + Int32(samples.2[c])
              * weights.topRight + Int32(samples.3[c]) * weights.bottomRight
            out[c] = roundedBilinear(sum)
            c += 1
          }
          out += depth
        }
      }
    }
  }

  /// The reference's ResizeBilinearInteger, element by element in 64 bits, for testing the kernel.
  func referenceEval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    for b in 0..<batches {
      let image = input + b * inputHeight * inputWidth * depth
      for (y, row) in rows.enumerated() {
        for (x, column) in columns.enumerated() {
          let (dy, dx) = (Int64(row.weight), Int64(column.weight))
          for c in 0..<depth {
            let sum =
              Int64(image[row.lower + column.lower + c]) * (1024 - dy) * (1024 - dx) + Int64(
                image[row.upper + column.lower + c]) * dy * (1024 - dx) + Int64(image[row.lower + column.upper + c])
              * (1024 - dy) * dx + Int64(image[row.upper + column.upper + c]) * dy * dx
            let rounding: Int64 = sum > 0 ? 1 << 19 : -(1 << 19)
            output[((b * outputHeight + y) * outputWidth + x) * depth + c] = Int8(
              truncatingIfNeeded: (sum + rounding) / (1 << 20))
          }
        }
      }
    }
  }

  /// The products of one output pixel's row and column weights, in 1/2^20ths.
  private struct Weights {
    var topLeft, bottomLeft, topRight, bottomRight: Int32
    init(_ dy: Int32, _ dx: Int32) {
      topLeft = (1024 - dy) * (1024 - dx)
      bottomLeft = dy * (1024 - dx)
      topRight = (1024 - dy) * dx
      bottomRight = dy * dx
    }
  }
}

/// `sum / 2^20` rounded half away from zero (the reference adds ±2^19 and divides, truncating).
@inline(__always)
func roundedBilinear(_ sum: Int32) -> Int8 {
  let magnitude = (sum.magnitude + (1 << 19)) >> 20
  return Int8(truncatingIfNeeded: sum < 0 ? -Int32(magnitude) : Int32(magnitude))
}
