extension FloatConvolutionPlan {
  /// Per output pixel, 8 output channels at a time (32 at a time for `.shared` inputs, each input value
  /// broadcast once for four vectors): each lane sums its products in the reference's order (filter row, filter
  /// column, input channel), then adds the bias and clamps.
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let g = geometry
    let (channels, padded, depth, inputs, range) = (g.outputChannels, paddedChannels, filterDepth, inputs, range)
    // Bytes from one input channel's weights to the next's, and from one tap's to the next's.
    let (channelStep, tapStep) = (padded &* MemoryLayout<Float>.stride, depth &* padded)
    weights.withUnsafeBufferPointer { weights in
      bias.withUnsafeBufferPointer { bias in
        groupStarts.withUnsafeBufferPointer { starts in
          var out = output
          for b in 0..<g.batches {
            let image = input + b * g.inputHeight * g.inputWidth * g.inputChannels
            for oy in 0..<g.outputHeight {
              let yOrigin = oy * g.strideHeight - g.padTop
              let rows = insideTaps(origin: yOrigin, dilation: g.dilationHeight, filter: g.filterHeight, g.inputHeight)
              for ox in 0..<g.outputWidth {
                let xOrigin = ox * g.strideWidth - g.padLeft
                let columns = insideTaps(
                  origin: xOrigin, dilation: g.dilationWidth, filter: g.filterWidth, g.inputWidth)
                // Wrapping arithmetic (the geometry was validated at load) and moving weight pointers: checked,
                // the index arithmetic cost an overflow test per product.
                /// The input pixel and the weights (from output channel `c`) of tap `(fy, fx)`.
                @inline(__always)
                @_optimize(speed)
                func tap(_ fy: Int, _ fx: Int, _ c: Int) -> (UnsafePointer<Float>, UnsafeRawPointer) {
                  let iy = yOrigin &+ fy &* g.dilationHeight
                  let ix = xOrigin &+ fx &* g.dilationWidth
                  return (
                    image + (iy &* g.inputWidth &+ ix) &* g.inputChannels,
                    UnsafeRawPointer(weights.baseAddress! + ((fy &* g.filterWidth &+ fx) &* tapStep &+ c))
                  )
                }
                @inline(__always)
                @_optimize(speed)
                func finish(_ total: FloatVector, _ c: Int) {
                  let sum = total + FloatVector(lanes: bias.baseAddress! + c, count: 8)
                  range.clamp(sum).storeLanes(to: out + c, count: min(8, channels &- c))
                }
                var c = 0
                if inputs == .shared {
                  while c &+ 32 <= padded {
                    var (t0, t1, t2, t3) = (FloatVector(), FloatVector(), FloatVector(), FloatVector())
                    for fy in rows {
                      for fx in columns {
                        var (pixel, w) = tap(fy, fx, c)
                        for _ in 0..<depth {
                          let x = FloatVector(repeating: pixel.pointee)
                          t0 += x * w.loadUnaligned(as: FloatVector.self)
                          t1 += x * w.loadUnaligned(fromByteOffset: 32, as: FloatVector.self)
                          t2 += x * w.loadUnaligned(fromByteOffset: 64, as: FloatVector.self)
                          t3 += x * w.loadUnaligned(fromByteOffset: 96, as: FloatVector.self)
                          pixel += 1
                          w += channelStep
                        }
                      }
                    }
                    finish(t0, c)
                    finish(t1, c &+ 8)
                    finish(t2, c &+ 16)
                    finish(t3, c &+ 24)
                    c &+= 32
                  }
                }
                while c < channels {
                  var total = FloatVector()
                  for fy in rows {
                    for fx in columns {
                      var (pixel, w) = tap(fy, fx, c)
                      switch inputs {
                      case .shared:
                        for ic in 0..<depth {
                          total += FloatVector(repeating: pixel[ic]) * w.loadUnaligned(as: FloatVector.self)
                          w += channelStep
                        }
                      case .matching:
                        pixel += c
                        total +=
                          FloatVector(lanes: pixel, count: min(8, channels &- c))
                          * w.loadUnaligned(as: FloatVector.self)
                      case .grouped:
                        for ic in 0..<depth {
                          var x = FloatVector()
                          for lane in 0..<8 { x[lane] = pixel[starts[c &+ lane] &+ ic] }
                          total += x * w.loadUnaligned(as: FloatVector.self)
                          w += channelStep
                        }
                      }
                    }
                  }
                  finish(total, c)
                  c &+= 8
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
