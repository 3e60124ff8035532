extension FloatConvolutionPlan {
  /// Output pixels in tiles of 4 where `tilesWindows` (`evalTile`), the rest (and every pixel otherwise) one at
  /// a time (`evalPixels`).
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, scratch: UnsafeMutableRawPointer) {
    let g = geometry
    let pixels = g.batches &* g.outputHeight &* g.outputWidth
    var first = 0
    if tilesWindows {
      let length = windowLength
      let windows = scratch.bindMemory(to: Float.self, capacity: Self.tilePixels &* length)
      @inline(__always)
      @_optimize(speed)
      func fill(_ p: Int, _ b: Int, _ oy: Int, _ ox: Int) {
        fillWindow(b, oy, ox, from: input, to: windows + p &* length)
      }
      while first &+ Self.tilePixels <= pixels {
        var tile = UnsafePointer(windows)
        if readsWindowsInPlace {
          tile = input + first &* length
        } else {
          g.forEachOutputPixel(from: first, count: Self.tilePixels, fill)
        }
        evalTile(windows: tile, stride: length, output: output + first &* g.outputChannels)
        first &+= Self.tilePixels
      }
    }
    evalPixels(first..<pixels, input: input, output: output)
  }

  /// Pixels `pixels` (of all batches' output pixels, in order) one at a time, 8 output channels at a time (32
  /// at a time for `.shared` inputs, each input value broadcast once for four vectors): each lane sums its
  /// products in the reference's order (filter row, filter column, input channel), skipping the taps outside
  /// the input, then adds the bias and clamps.
  @_optimize(speed)
  private func evalPixels(_ pixels: Range<Int>, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let g = geometry
    let (channels, padded, depth, inputs, range) = (g.outputChannels, paddedChannels, filterDepth, inputs, range)
    // Bytes from one input channel's weights to the next's, and from one tap's to the next's.
    let (channelStep, tapStep) = (padded &* MemoryLayout<Float>.stride, depth &* padded)
    weights.withUnsafeBufferPointer { weights in
      bias.withUnsafeBufferPointer { bias in
        groupStarts.withUnsafeBufferPointer { starts in
          var out = output + pixels.lowerBound * channels
          @inline(__always)
          @_optimize(speed)
          func pixel(_: Int, _ b: Int, _ oy: Int, _ ox: Int) {
            let image = input + b * g.inputHeight * g.inputWidth * g.inputChannels
            let yOrigin = oy * g.strideHeight - g.padTop
            let rows = insideTaps(origin: yOrigin, dilation: g.dilationHeight, filter: g.filterHeight, g.inputHeight)
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
          g.forEachOutputPixel(from: pixels.lowerBound, count: pixels.count, pixel)
        }
      }
    }
  }
}

extension FloatConvolutionPlan {
  /// Output pixels a tile computes at once.
  static let tilePixels = 4

  /// Floats of one output pixel's window: every tap's `filterDepth` inputs, in the reference's summation order.
  var windowLength: Int { geometry.filterHeight * geometry.filterWidth * filterDepth }

  /// Whether each pixel's window lies in the input as a tile reads it (a 1×1, stride-1 convolution, and
  /// FULLY_CONNECTED): pixel p's at `input + p * windowLength`.
  var readsWindowsInPlace: Bool {
    let g = geometry
    return g.filterHeight == 1 && g.filterWidth == 1 && g.padTop == 0 && g.padLeft == 0
      && g.outputHeight == g.inputHeight && g.outputWidth == g.inputWidth
  }

  /// Bytes of scratch `eval` needs: a tile's windows, unless it reads them in place.
  var scratchBytes: Int {
    tilesWindows && !readsWindowsInPlace ? Self.tilePixels * windowLength * MemoryLayout<Float>.stride : 0
  }

  /// Writes the window of output pixel `(oy, ox)` of batch `b` at `destination`: its taps' inputs, zeros for
  /// the taps outside the input.
  @inline(__always)
  @_optimize(speed)
  private func fillWindow(
    _ b: Int, _ oy: Int, _ ox: Int, from input: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>
  ) {
    let g = geometry
    let depth = filterDepth
    let image = input + b &* g.inputHeight &* g.inputWidth &* depth
    let (yOrigin, xOrigin) = (oy &* g.strideHeight &- g.padTop, ox &* g.strideWidth &- g.padLeft)
    let rows = insideTaps(origin: yOrigin, dilation: g.dilationHeight, filter: g.filterHeight, g.inputHeight)
    let columns = insideTaps(origin: xOrigin, dilation: g.dilationWidth, filter: g.filterWidth, g.inputWidth)
    let rowLength = g.filterWidth &* depth
    var d = destination
    for fy in 0..<g.filterHeight {
      if rows.contains(fy) {
        let line = image + ((yOrigin &+ fy &* g.dilationHeight) &* g.inputWidth &+ xOrigin) &* depth
        fillFloats(0, count: columns.lowerBound &* depth, at: d)
        if g.dilationWidth == 1 {
          copyFloats(
            line + columns.lowerBound &* depth, count: columns.count &* depth, to: d + columns.lowerBound &* depth)
        } else {
          for fx in columns { copyFloats(line + fx &* g.dilationWidth &* depth, count: depth, to: d + fx &* depth) }
        }
        fillFloats(0, count: (g.filterWidth &- columns.upperBound) &* depth, at: d + columns.upperBound &* depth)
      } else {
        fillFloats(0, count: rowLength, at: d)
      }
      d += rowLength
    }
  }

  /// Four output pixels from their windows (at `windows`, `stride` floats apart), 16 output channels at a time
  /// (8 or 4 for a last block), each weight vector loaded once for the four: each lane sums its window's products in
  /// order, then adds the bias and clamps. A tap outside the input adds 0 × weight: ±0, which changes no sum
  /// (a sum from +0 is never -0) when the weights are finite (`tilesWindows`), so the sums are those of
  /// `evalPixels`, which skips those taps as the reference does.
  @inline(__always)
  @_optimize(speed)
  private func evalTile(windows: UnsafePointer<Float>, stride: Int, output: UnsafeMutablePointer<Float>) {
    let (channels, padded, length, range) = (geometry.outputChannels, paddedChannels, windowLength, range)
    let channelStep = padded &* MemoryLayout<Float>.stride
    weights.withUnsafeBufferPointer { weights in
      bias.withUnsafeBufferPointer { bias in
        /// Pixel `p`'s `sum` of channels `c..<c + 8` plus their bias, clamped and stored.
        @inline(__always)
        @_optimize(speed)
        func finish(_ sum: FloatVector, _ p: Int, _ c: Int) {
          range.clamp(sum + FloatVector(lanes: bias.baseAddress! + c, count: 8)).storeLanes(
            to: output + (p &* channels &+ c), count: min(8, channels &- c))
        }
        /// `body` with the four pixels' inputs at each window position in order. On aarch64, 4 positions at a
        /// time are read as one vector per pixel, whose lanes the multiplies take by index (`fmul` by element),
        /// where a broadcast load per input cost an instruction each. x86_64 has no multiply by element: a lane
        /// broadcast from a register costs a shuffle more than `vbroadcastss` from memory. (The 16-channel
        /// block holds too many vectors for this: with 4 positions its weights spilled, with 2 they took
        /// register copies, 42.5 instructions per position against 41 in its broadcast form.)
        @inline(__always)
        @_optimize(speed)
        func forEachInput(_ body: (Float, Float, Float, Float) -> Void) {
          var x = windows
          var k = 0
          #if arch(arm64)
            while k &+ 4 <= length {
              let (v0, v1, v2, v3) = (
                UnsafeRawPointer(x).loadUnaligned(as: SIMD4<Float>.self),
                UnsafeRawPointer(x + stride).loadUnaligned(as: SIMD4<Float>.self),
                UnsafeRawPointer(x + 2 &* stride).loadUnaligned(as: SIMD4<Float>.self),
                UnsafeRawPointer(x + 3 &* stride).loadUnaligned(as: SIMD4<Float>.self)
              )
              for lane in 0..<4 { body(v0[lane], v1[lane], v2[lane], v3[lane]) }
              x += 4
              k &+= 4
            }
          #endif
          while k < length {
            body(x[0], x[stride], x[2 &* stride], x[3 &* stride])
            x += 1
            k &+= 1
          }
        }
        var c = 0
        while c &+ 16 <= padded {
          var (a0, a1, a2, a3) = (FloatVector(), FloatVector(), FloatVector(), FloatVector())
          var (b0, b1, b2, b3) = (FloatVector(), FloatVector(), FloatVector(), FloatVector())
          var w = UnsafeRawPointer(weights.baseAddress! + c)
          var x = windows
          for _ in 0..<length {
            let (low, high) = (
              w.loadUnaligned(as: FloatVector.self), w.loadUnaligned(fromByteOffset: 32, as: FloatVector.self)
            )
            let x0 = FloatVector(repeating: x[0])
            let x1 = FloatVector(repeating: x[stride])
            let x2 = FloatVector(repeating: x[2 &* stride])
            let x3 = FloatVector(repeating: x[3 &* stride])
            a0 += x0 * low
            b0 += x0 * high
            a1 += x1 * low
            b1 += x1 * high
            a2 += x2 * low
            b2 += x2 * high
            a3 += x3 * low
            b3 += x3 * high
            w += channelStep
            x += 1
          }
          finish(a0, 0, c)
          finish(b0, 0, c &+ 8)
          finish(a1, 1, c)
          finish(b1, 1, c &+ 8)
          finish(a2, 2, c)
          finish(b2, 2, c &+ 8)
          finish(a3, 3, c)
          finish(b3, 3, c &+ 8)
          c &+= 16
        }
        /// A last block of `V`'s lanes, weights loaded by `load`: the four pixels' sums, widened to vectors by
        /// `widen`. (Loaded here as a generic `V`, the weights took two or three loads per vector.)
        @inline(__always)
        @_optimize(speed)
        func lastBlock<V: SIMD>(_ load: (UnsafeRawPointer) -> V, widen: (V) -> FloatVector) where V.Scalar == Float {
          var (a0, a1, a2, a3) = (V(), V(), V(), V())
          var w = UnsafeRawPointer(weights.baseAddress! + c)
          forEachInput { x0, x1, x2, x3 in
            let weight = load(w)
            a0 += V(repeating: x0) * weight
            a1 += V(repeating: x1) * weight
            a2 += V(repeating: x2) * weight
            a3 += V(repeating: x3) * weight
            w += channelStep
          }
          finish(widen(a0), 0, c)
          finish(widen(a1), 1, c)
          finish(widen(a2), 2, c)
          finish(widen(a3), 3, c)
        }
        @inline(__always)
        @_optimize(speed)
        func loadVector(_ p: UnsafeRawPointer) -> FloatVector { p.loadUnaligned(as: FloatVector.self) }
        @inline(__always)
        @_optimize(speed)
        func loadHalf(_ p: UnsafeRawPointer) -> SIMD4<Float> { p.loadUnaligned(as: SIMD4<Float>.self) }
        // At most 4 channels left (e.g. 36 = 16 + 16 + 4) take half the arithmetic of 8.
        if channels &- c > 4 {
          lastBlock(loadVector) { $0 }
        } else if c < channels {
          lastBlock(loadHalf) { FloatVector(lowHalf: $0, highHalf: .zero) }
        }
      }
    }
  }
}
