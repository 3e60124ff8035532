extension FloatConvolutionPlan {
  /// Per output pixel, 8 output channels at a time: each lane sums its products in the reference's order (filter
  /// row, filter column, input channel), then adds the bias and clamps.
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let g = geometry
    let (channels, padded, depth, inputs, range) = (g.outputChannels, paddedChannels, filterDepth, inputs, range)
    weights.withUnsafeBufferPointer { weights in
      bias.withUnsafeBufferPointer { bias in
        groupStarts.withUnsafeBufferPointer { starts in
          var out = output
          for b in 0..<g.batches {
            let image = input + b * g.inputHeight * g.inputWidth * g.inputChannels
            for oy in 0..<g.outputHeight {
              let yOrigin = oy * g.strideHeight - g.padTop
              for ox in 0..<g.outputWidth {
                let xOrigin = ox * g.strideWidth - g.padLeft
                for c in stride(from: 0, to: channels, by: 8) {
                  var total = FloatVector()
                  for fy in 0..<g.filterHeight {
                    let iy = yOrigin + fy * g.dilationHeight
                    guard iy >= 0, iy < g.inputHeight else { continue }
                    for fx in 0..<g.filterWidth {
                      let ix = xOrigin + fx * g.dilationWidth
                      guard ix >= 0, ix < g.inputWidth else { continue }
                      let pixel = image + (iy * g.inputWidth + ix) * g.inputChannels
                      let tap = weights.baseAddress! + (fy * g.filterWidth + fx) * depth * padded + c
                      switch inputs {
                      case .shared:
                        for ic in 0..<depth {
                          total += FloatVector(repeating: pixel[ic]) * FloatVector(lanes: tap + ic * padded, count: 8)
                        }
                      case .matching:
                        total +=
                          FloatVector(lanes: pixel + c, count: min(8, channels - c)) * FloatVector(lanes: tap, count: 8)
                      case .grouped:
                        for ic in 0..<depth {
                          var x = FloatVector()
                          for lane in 0..<8 { x[lane] = pixel[starts[c + lane] + ic] }
                          total += x * FloatVector(lanes: tap + ic * padded, count: 8)
                        }
                      }
                    }
                  }
                  let sum = total + FloatVector(lanes: bias.baseAddress! + c, count: 8)
                  range.clamp(sum).storeLanes(to: out + c, count: min(8, channels - c))
                }
                out += channels
              }
            }
          }
        }
      }
    }
  }
}
