extension FloatConvolutionPlan {
  /// Per output pixel, 32 output channels at a time (8 for the last ones): each lane sums its products in the
  /// reference's order (filter row, filter column, input channel), then adds the bias and clamps. The 32 lanes are
  /// four independent chains of additions, which the processor overlaps.
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let g = geometry
    let (channels, padded) = (g.outputChannels, paddedChannels)
    weights.withUnsafeBufferPointer { weights in
      bias.withUnsafeBufferPointer { bias in
        groupStarts.withUnsafeBufferPointer { starts in
          var out = output
          for b in 0..<g.batches {
            let image = input + b * g.inputHeight * g.inputWidth * g.inputChannels
            for oy in 0..<g.outputHeight {
              for ox in 0..<g.outputWidth {
                let origin = (y: oy * g.strideHeight - g.padTop, x: ox * g.strideWidth - g.padLeft)
                var c = 0
                while c < channels {
                  if c + 32 <= padded {
                    outputs(SIMD32<Float>.self, c, origin, image, weights.baseAddress!, bias.baseAddress!, starts, out)
                    c += 32
                  } else {
                    outputs(FloatVector.self, c, origin, image, weights.baseAddress!, bias.baseAddress!, starts, out)
                    c += 8
                  }
                }
                out += channels
              }
            }
          }
        }
      }
    }
  }

  /// Output channels `c..<c + V.scalarCount` (those below the output channel count stored) of the pixel whose
  /// window starts at `origin`.
  @inline(__always)
  @_optimize(speed)
  private func outputs<V: SIMD>(
    _: V.Type, _ c: Int, _ origin: (y: Int, x: Int), _ image: UnsafePointer<Float>, _ weights: UnsafePointer<Float>,
    _ bias: UnsafePointer<Float>, _ starts: UnsafeBufferPointer<Int>, _ out: UnsafeMutablePointer<Float>
  ) where V.Scalar == Float {
    let g = geometry
    let (channels, padded, depth) = (g.outputChannels, paddedChannels, filterDepth)
    let lanes = min(V.scalarCount, channels - c)
    var total = V()
    for fy in 0..<g.filterHeight {
      let iy = origin.y + fy * g.dilationHeight
      guard iy >= 0, iy < g.inputHeight else { continue }
      for fx in 0..<g.filterWidth {
        let ix = origin.x + fx * g.dilationWidth
        guard ix >= 0, ix < g.inputWidth else { continue }
        let pixel = image + (iy * g.inputWidth + ix) * g.inputChannels
        let tap = weights + (fy * g.filterWidth + fx) * depth * padded + c
        switch inputs {
        case .shared:
          for ic in 0..<depth { total += V(repeating: pixel[ic]) * V(lanes: tap + ic * padded, count: V.scalarCount) }
        case .matching:
          total += V(lanes: pixel + c, count: lanes) * V(lanes: tap, count: V.scalarCount)
        case .grouped:
          for ic in 0..<depth {
            var x = V()
            for lane in 0..<V.scalarCount { x[lane] = pixel[starts[c + lane] + ic] }
            total += x * V(lanes: tap + ic * padded, count: V.scalarCount)
          }
        }
      }
    }
    // The clamp as FloatRange.clamp: x < lower ? lower : x, then upper < x ? upper : x.
    let sum = total + V(lanes: bias + c, count: V.scalarCount)
    let low = sum.replacing(with: range.lower, where: sum .< range.lower)
    low.replacing(with: range.upper, where: range.upper .< low).storeLanes(to: out + c, count: lanes)
  }
}
