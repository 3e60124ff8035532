// A 3×3 depthwise window moving along a row of output pixels with stride and dilation 1 across it (x86_64).
// Neighbouring pixels share two of their three window columns, so each input column is loaded, interleaved
// and widened once per row of pixels instead of once per pixel and tap pair, which is most of the per-pixel
// kernel's work. Taps pair by column: a column's top and middle taps (three pairs, one per column), then the
// bottom row's (w6, w7) over columns 0 and 1 and (0, w8) over columns 1 and 2.

#if arch(x86_64)
  extension DepthwiseC16Weights {
    /// Whether the interior of `g`'s rows runs `columnPairRow`: a 3×3 window, stride and dilation 1 across.
    @_optimize(speed)
    static func runsColumnPairs(_ g: WindowGeometry) -> Bool {
      g.filterHeight == 3 && g.filterWidth == 3 && g.strideWidth == 1 && g.dilationWidth == 1
    }

    /// The tap pairs, as tap indices in the row-major 3×3 window; -1 is a zero weight.
    private static let columnPairTaps = [(0, 3), (1, 4), (2, 5), (6, 7), (-1, 8)]

    /// The 3×3 weights packed for `columnPairRow`: per block of 16 channels, per tap pair, each channel's pair.
    @_optimize(speed)
    static func packColumnPairs(_ weights: ArraySlice<UInt8>, channels: Int) -> [Int16] {
      let pairs = columnPairTaps.count
      var packed = [Int16](repeating: 0, count: (channels + lanes - 1) / lanes * pairs * lanes * 2)
      for (pair, taps) in columnPairTaps.enumerated() {
        for (half, tap) in [taps.0, taps.1].enumerated() where tap >= 0 {
          for c in 0..<channels {
            packed[((c / lanes * pairs + pair) * lanes + c % lanes) * 2 + half] = Int16(
              Int8(bitPattern: weights[weights.startIndex + tap * channels + c]))
          }
        }
      }
      return packed
    }

    /// Channels `16 × block ..< 16 × block + 16` of `pixels` output pixels along a row, written from `output`
    /// on, `step` bytes apart. `rows` point at the first pixel's window rows (its left column, at the block's
    /// first channel); each next pixel's window is `step` bytes to the right.
    ///
    /// Not inlined: inside `evalC16` the Embedded build compiled both this loop and the per-pixel one badly
    /// (MobileNetV2's depthwise layers 6× slower).
    @inline(never)
    @_optimize(speed)
    func columnPairRow(
      block: Int, rows: (UnsafePointer<Int8>, UnsafePointer<Int8>, UnsafePointer<Int8>), step: Int, pixels: Int,
      bias: UnsafeRawPointer, requantization: RequantizationBlock, output: UnsafeMutablePointer<Int8>
    ) {
      columnPairs.withUnsafeBufferPointer { packed in
        let w = UnsafeRawPointer(packed.baseAddress! + block * Self.columnPairTaps.count * 2 * Self.lanes)
        /// Tap pair `pair`'s weights for channels 0..<8 (`high`: 8..<16).
        @inline(__always)
        @_optimize(speed)
        func weights(_ pair: Int, high: Bool) -> SIMD16<Int16> {
          w.loadUnaligned(fromByteOffset: pair * 64 + (high ? 32 : 0), as: SIMD16<Int16>.self)
        }
        let (l0, l1, l2, l3, l4) = (
          weights(0, high: false), weights(1, high: false), weights(2, high: false), weights(3, high: false),
          weights(4, high: false)
        )
        let (h0, h1, h2, h3, h4) = (
          weights(0, high: true), weights(1, high: true), weights(2, high: true), weights(3, high: true),
          weights(4, high: true)
        )
        let biasLow = bias.loadUnaligned(as: SIMD8<Int32>.self)
        let biasHigh = bias.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int32>.self)
        @inline(__always)
        @_optimize(speed)
        func load(_ p: UnsafePointer<Int8>) -> SIMD16<Int8> { UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Int8>.self) }
        /// Two taps' 16 channels, interleaved and sign-extended: channels 0..<8, then 8..<16.
        @inline(__always)
        @_optimize(speed)
        func paired(_ a: SIMD16<Int8>, _ b: SIMD16<Int8>) -> (SIMD16<Int16>, SIMD16<Int16>) {
          (widenedToInt16(interleaved(a.lowHalf, b.lowHalf)), widenedToInt16(interleaved(a.highHalf, b.highHalf)))
        }
        var left = paired(load(rows.0), load(rows.1))
        var middle = paired(load(rows.0 + step), load(rows.1 + step))
        var bottomMiddle = load(rows.2 + step)
        var bottomLeft = paired(load(rows.2), bottomMiddle)
        for i in 0..<pixels {
          let offset = (i + 2) * step
          let bottomRight = load(rows.2 + offset)
          let right = paired(load(rows.0 + offset), load(rows.1 + offset))
          let bottomRightPair = paired(bottomMiddle, bottomRight)
          let low =
            biasLow &+ pairwiseDot(left.0, l0) &+ pairwiseDot(middle.0, l1) &+ pairwiseDot(right.0, l2)
            &+ pairwiseDot(bottomLeft.0, l3) &+ pairwiseDot(bottomRightPair.0, l4)
          let high =
            biasHigh &+ pairwiseDot(left.1, h0) &+ pairwiseDot(middle.1, h1) &+ pairwiseDot(right.1, h2)
            &+ pairwiseDot(bottomLeft.1, h3) &+ pairwiseDot(bottomRightPair.1, h4)
          UnsafeMutableRawPointer(output + i * step).storeBytes(
            of: requantization.apply(joined(low, high)), as: SIMD16<Int8>.self)
          (left, middle, bottomLeft, bottomMiddle) = (middle, right, bottomRightPair, bottomRight)
        }
      }
    }
  }

  /// `a[2i] * b[2i] + a[2i + 1] * b[2i + 1]` for the 8 pairs: `vpmaddwd` (see `pairSums`).
  @inline(__always)
  @_optimize(speed)
  func pairwiseDot(_ a: SIMD16<Int16>, _ b: SIMD16<Int16>) -> SIMD8<Int32> {
    pairSums(widened(a) &* widened(b))
  }
#endif
