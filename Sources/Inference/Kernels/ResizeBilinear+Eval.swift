extension ResizeBilinearPlan {
  /// Per output pixel, 16 channels at a time: the four weighted samples summed in 32 bits (at most
  /// 128 · 2048² in magnitude, so the reference's 64-bit sum never needs more) and rounded like the reference.
  /// A last block of fewer than 16 channels loads whole vectors where they stay inside the input (else its
  /// lanes only) and stores only its lanes.
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    let inputEnd = input + batches * inputHeight * inputWidth * depth
    var out = output
    for b in 0..<batches {
      let image = input + b * inputHeight * inputWidth * depth
      for row in rows {
        let (top, bottom) = (image + row.lower, image + row.upper)
        for column in columns {
          let weights = Weights(row.weight, column.weight)
          let samples = (top + column.lower, bottom + column.lower, top + column.upper, bottom + column.upper)
          /// Channels `c..<c + 16` of the output pixel, each sample's read by `load`.
          @inline(__always)
          @_optimize(speed)
          func interpolated(_ c: Int, _ load: (UnsafePointer<Int8>) -> SIMD16<Int8>) -> SIMD16<Int8> {
            let sum =
              widened(load(samples.0 + c)) &* weights.topLeft &+ widened(load(samples.1 + c)) &* weights.bottomLeft
              &+ widened(load(samples.2 + c)) &* weights.topRight &+ widened(load(samples.3 + c))
              &* weights.bottomRight
            return truncated(roundedBilinear(sum))
          }
          @inline(__always)
          @_optimize(speed)
          func whole(_ p: UnsafePointer<Int8>) -> SIMD16<Int8> {
            UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Int8>.self)
          }
          var c = 0
          while c + 16 <= depth {
            UnsafeMutableRawPointer(out + c).storeBytes(of: interpolated(c, whole), as: SIMD16<Int8>.self)
            c += 16
          }
          if c < depth {
            let count = depth - c
            @inline(__always)
            @_optimize(speed)
            func part(_ p: UnsafePointer<Int8>) -> SIMD16<Int8> { SIMD16<Int8>(lanes: p, count: count) }
            // The bottom right sample has the highest address.
            let result = samples.3 + c + 16 <= inputEnd ? interpolated(c, whole) : interpolated(c, part)
            result.storeLanes(to: out + c, count: count)
          }
          out += depth
        }
      }
    }
  }

  /// The reference's ResizeBilinearInteger, element by element in 64 bits, for testing the kernel.
  @_optimize(speed)
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
    @_optimize(speed)
    init(_ dy: Int32, _ dx: Int32) {
      topLeft = (1024 - dy) * (1024 - dx)
      bottomLeft = dy * (1024 - dx)
      topRight = (1024 - dy) * dx
      bottomRight = dy * dx
    }
  }
}

/// `sum / 2^20` rounded half away from zero (the reference adds ±2^19 and divides, truncating) in 16 lanes,
/// with shifts and masks only (lane-wise comparisons and selects are slow in Swift's SIMD types): the rounding
/// term is +2^19 for a positive sum and -2^19 otherwise, then an arithmetic shift corrected towards zero for
/// negative values, as C++ division truncates.
@inline(__always)
@_optimize(speed)
func roundedBilinear(_ sum: SIMD16<Int32>) -> SIMD16<Int32> {
  let notPositive = (sum &- 1) &>> 31  // all ones where sum <= 0
  let biased = sum &+ (1 << 19) &- (notPositive & (1 << 20))
  return (biased &+ ((biased &>> 31) & ((1 << 20) - 1))) &>> 20
}
