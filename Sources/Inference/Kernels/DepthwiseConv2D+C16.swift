/// DEPTHWISE_CONV_2D with depth multiplier 1, any window, stride and dilation, vectorized over 16 channels
/// (NHWC keeps a pixel's channels contiguous). A depth multiplier m > 1 runs it on a copy of the input with
/// each channel repeated m times (`DepthwiseConv2DPlan.eval`).
///
/// Layout: weights packed once, per block of 16 channels, tap-major (`[block][tap group][16][tapGroup]`), so
/// the loop widens only the input. The input zero point is folded into the bias, and taps outside the input
/// read a row of the input zero point instead, which the folded bias cancels: the border needs no other
/// arithmetic, only a different pointer per tap. A last block of fewer than 16 channels uses the same vector
/// arithmetic, loading whole vectors where 16 bytes stay inside the input (the padding row has 16 bytes of
/// slack), else copying its lanes, and storing only its lanes.
struct DepthwiseC16Weights: Sendable {
  static let lanes = 16

  var channels: Int
  var taps: Int
  /// `taps` rounded up to a multiple of `tapGroup`; the padding taps' weights are zero.
  var paddedTaps: Int
  var data: [PackedWeight]
  var bias: [Int32]
  var output: VectorOutputStage
  /// An input row's worth of the input zero point plus 16 bytes, read for taps outside the input: as long as
  /// an input row so that a row of output pixels can step along it as along an input row.
  var paddingRow: [Int8]
  /// Where `columnPairRow` runs the interior (x86_64, `runsColumnPairs`), the weights again, paired for it;
  /// empty otherwise.
  var columnPairs: [PackedWeight] = []
  #if !arch(x86_64)
    /// No weight is -128: two taps' products then fit an int16 lane (see `accumulate`).
    var productPairsFitInt16: Bool
  #endif

  @_optimize(speed)
  init(
    weights: ArraySlice<UInt8>, channels: Int, geometry g: WindowGeometry, foldedBias: [Int32], stage: OutputStage,
    inputZeroPoint: Int32
  ) {
    self.channels = channels
    let taps = g.filterHeight * g.filterWidth
    self.taps = taps
    let group = Self.tapGroup
    paddedTaps = (taps + group - 1) / group * group
    let padded = (channels + Self.lanes - 1) / Self.lanes * Self.lanes
    var data = [PackedWeight](repeating: 0, count: padded * paddedTaps)
    for tap in 0..<taps {
      for c in 0..<channels {
        data[
          ((c / Self.lanes) * paddedTaps + tap - tap % group) * Self.lanes + (c % Self.lanes) * group + tap % group] =
          PackedWeight(Int8(bitPattern: weights[weights.startIndex + tap * channels + c]))
      }
    }
    self.data = data
    bias = foldedBias + [Int32](repeating: 0, count: padded - channels)
    output = VectorOutputStage(stage)
    paddingRow = [Int8](
      repeating: Int8(truncatingIfNeeded: inputZeroPoint), count: g.inputWidth * channels + Self.lanes)
    #if arch(x86_64)
      if Self.runsColumnPairs(g) { columnPairs = Self.packColumnPairs(weights, channels: channels) }
    #else
      productPairsFitInt16 = !data.contains(-128)
    #endif
  }

  var byteCount: Int {
    (data.count + columnPairs.count) * MemoryLayout<PackedWeight>.size + bias.count * 4 + output.byteCount
      + paddingRow.count
  }
}

extension DepthwiseConv2DPlan {
  /// Computes the output rows `lines` (counted across batches: `b * outputHeight + oy`). `g` is `geometry`, or
  /// for a depth multiplier > 1, the geometry of the expanded input.
  ///
  /// Pixels whose window lies inside the input horizontally (most of them) run channel block by channel
  /// block, each block's requantization parameters loaded once per row, with one pointer per tap (into the
  /// input, or the padding row for rows above or below it) set once per row and offset by the pixel's
  /// position. The others, at the left and right borders, choose a pointer per tap for each pixel.
  @_optimize(speed)
  func evalC16(
    _ packed: DepthwiseC16Weights, geometry g: WindowGeometry, lines: Range<Int>, input: UnsafePointer<Int8>,
    output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer
  ) {
    let channels = g.inputChannels
    let lanes = DepthwiseC16Weights.lanes
    let inputEnd = input + g.batches * g.inputHeight * g.inputWidth * channels
    let taps = packed.taps
    let rows = scratch.bindMemory(to: UnsafePointer<Int8>.self, capacity: taps)
    let fullBlocks = channels / lanes
    let pixelStep = g.strideWidth * channels
    // The output columns first..<end have their window inside the input horizontally.
    let first = min(g.outputWidth, (g.padLeft + g.strideWidth - 1) / g.strideWidth)
    let end = max(
      first,
      min(
        g.outputWidth,
        (g.inputWidth - (g.filterWidth - 1) * g.dilationWidth + g.padLeft + g.strideWidth - 1) / g.strideWidth))
    packed.data.withUnsafeBufferPointer { weights in
      packed.bias.withUnsafeBufferPointer { bias in
        packed.paddingRow.withUnsafeBufferPointer { padding in
          /// The 16 input bytes of tap t from channel `c` at `offset`; `count` < 16 marks the last, partial
          /// block, whose loads stay inside the input (the padding row has 16 bytes of slack).
          @inline(__always)
          @_optimize(speed)
          func load(tap t: Int, channel c: Int, offset: Int, count: Int) -> SIMD16<Int8> {
            let p = rows[t] + offset + c
            if count == lanes || p + lanes <= inputEnd || p < input || p >= inputEnd {
              return UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Int8>.self)
            }
            var x = SIMD16<Int8>()
            for i in 0..<count { x[i] = p[i] }
            return x
          }
          /// Bias plus the products of the 16 channels from `c`, tap t reading at `rows[t] + offset + c`.
          @inline(__always)
          @_optimize(speed)
          func sums(channel c: Int, offset: Int, count: Int) -> SIMD16<Int32> {
            let b = UnsafeRawPointer(bias.baseAddress! + c)
            let w = UnsafeRawPointer(weights.baseAddress! + c * packed.paddedTaps)
            return packed.accumulate(bias: b, weights: w) { load(tap: $0, channel: c, offset: offset, count: count) }
          }
          @inline(__always)
          @_optimize(speed)
          func write(_ acc: SIMD16<Int32>, channel c: Int, count: Int, to out: UnsafeMutablePointer<Int8>) {
            RequantizationBlock(packed.output, channel: c).apply(acc).storeLanes(to: out + c, count: count)
          }

          /// How many of `pixels` pixels, the first one's taps at `rows`, each next one's `pixelStep` bytes
          /// further, can load 16 bytes per tap from channel `c` on inside the input or the padding row (which
          /// has 16 bytes of slack): all but at the end of the input. Taps are in row-major order, so the last
          /// one inside the input has the highest address.
          @inline(__always)
          @_optimize(speed)
          func wholeLoadPixels(channel c: Int, _ pixels: Int) -> Int {
            var t = taps - 1
            while t >= 0 && rows[t] == padding.baseAddress! { t -= 1 }
            guard t >= 0 else { return pixels }
            let room = inputEnd - (rows[t] + c + lanes)
            return room < 0 ? 0 : min(pixels, room / pixelStep + 1)
          }

          for line in lines {
            let b = line / g.outputHeight
            let yOrigin = (line % g.outputHeight) * g.strideHeight - g.padTop
            let out = output + line * g.outputWidth * channels
            /// Points `rows` at the taps of output column `ox`: into the input, or at the padding row. In wrapping
            /// arithmetic (the geometry was validated at load): checked, it cost ~30 instructions per tap.
            @inline(__always)
            @_optimize(speed)
            func pointTaps(at ox: Int) {
              let xOrigin = ox &* g.strideWidth &- g.padLeft
              var tap = 0
              for fy in 0..<g.filterHeight {
                let y = yOrigin &+ fy &* g.dilationHeight
                let inside = y >= 0 && y < g.inputHeight
                let row = input + (b &* g.inputHeight &+ y) &* g.inputWidth &* channels
                for fx in 0..<g.filterWidth {
                  let x = xOrigin &+ fx &* g.dilationWidth
                  rows[tap] = inside && x >= 0 && x < g.inputWidth ? row + x &* channels : padding.baseAddress!
                  tap &+= 1
                }
              }
            }

            for ox in 0..<g.outputWidth where ox < first || ox >= end {
              pointTaps(at: ox)
              var c = 0
              #if !arch(x86_64)
                if packed.runsNineTapRows {
                  c =
                    fullBlocks * lanes < channels && wholeLoadPixels(channel: fullBlocks * lanes, 1) == 1
                    ? channels : fullBlocks * lanes
                  packed.nineTapPixel(channels: c, taps: rows, output: out + ox * channels)
                }
              #endif
              while c < channels {
                let count = min(lanes, channels - c)
                write(sums(channel: c, offset: 0, count: count), channel: c, count: count, to: out + ox * channels)
                c += lanes
              }
            }

            guard first < end else { continue }
            pointTaps(at: first)
            for block in 0..<fullBlocks {
              let c = block * lanes
              let requantization = RequantizationBlock(packed.output, channel: c)
              #if arch(x86_64)
                if !packed.columnPairs.isEmpty {
                  packed.columnPairRow(
                    block: block, rows: (rows[0] + c, rows[3] + c, rows[6] + c), step: channels, pixels: end - first,
                    bias: UnsafeRawPointer(bias.baseAddress! + c), requantization: requantization,
                    output: out + first * channels + c)
                  continue
                }
              #else
                if packed.runsNineTapRows {
                  packed.nineTapRow(
                    channel: c, taps: rows, inputStep: pixelStep, pixels: end - first,
                    output: out + first * channels + c,
                    outputStep: channels)
                  continue
                }
              #endif
              for ox in first..<end {
                let acc = sums(channel: c, offset: (ox - first) * pixelStep, count: lanes)
                UnsafeMutableRawPointer(out + ox * channels + c).storeBytes(
                  of: requantization.apply(acc), as: SIMD16<Int8>.self)
              }
            }
            let c = fullBlocks * lanes
            if c < channels {
              var start = first
              #if !arch(x86_64)
                if packed.runsNineTapRows {
                  let pixels = wholeLoadPixels(channel: c, end - first)
                  packed.nineTapRow(
                    channel: c, count: channels - c, taps: rows, inputStep: pixelStep, pixels: pixels,
                    output: out + first * channels + c, outputStep: channels)
                  start += pixels
                }
              #endif
              for ox in start..<end {
                write(
                  sums(channel: c, offset: (ox - first) * pixelStep, count: channels - c), channel: c,
                  count: channels - c, to: out + ox * channels)
              }
            }
          }
        }
      }
    }
  }
}

#if arch(x86_64)
  extension DepthwiseC16Weights {
    /// Taps in pairs, each channel's two weights adjacent as int16.
    static let tapGroup = 2
    typealias PackedWeight = Int16

    /// Bias plus 16 channels' products over all taps, two taps per step: the two taps' inputs interleaved
    /// (`vpunpcklbw`/`vpunpckhbw`), sign-extended, multiplied by the weight pairs and each pair's products
    /// added: `vpmaddwd` + `vpaddd` with AVX2, `vpdpwssd` with AVX-512 VNNI (see `pairSums`). An odd
    /// last tap pairs with itself against zero weights.
    @inline(__always)
    @_optimize(speed)
    func accumulate(bias: UnsafeRawPointer, weights: UnsafeRawPointer, input: (Int) -> SIMD16<Int8>)
      -> SIMD16<Int32>
    {
      var low = bias.loadUnaligned(as: SIMD8<Int32>.self)
      var high = bias.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int32>.self)
      var w = weights
      var t = 0
      while t < taps {
        let a = input(t)
        let b = t + 1 < taps ? input(t + 1) : a
        low &+= pairSums(widened(interleaved(a.lowHalf, b.lowHalf)) &* widened(w.loadUnaligned(as: SIMD16<Int16>.self)))
        high &+= pairSums(
          widened(interleaved(a.highHalf, b.highHalf))
            &* widened(w.loadUnaligned(fromByteOffset: 32, as: SIMD16<Int16>.self)))
        w += 64
        t += 2
      }
      return joined(low, high)
    }
  }
#else
  extension DepthwiseC16Weights {
    static let tapGroup = 1
    typealias PackedWeight = Int8

    /// Bias plus 16 channels' products over all taps, two taps per step, as XNNPACK's `mla8` depthwise kernels:
    /// both taps' int8 products added in int16 lanes (`smull`, `smull2`, `smlal`, `smlal2`), then widened onto
    /// four `.4s` accumulators (`saddw`, `saddw2`): 8 arithmetic instructions per two taps, where widening each
    /// tap's inputs and multiplying int16 weights (`sshll`, `smlal`) took 6 per tap. Two products fit an int16
    /// lane unless a weight is -128 (`productPairsFitInt16`); then, and for an odd last tap, one product per lane.
    @inline(__always)
    @_optimize(speed)
    func accumulate(bias: UnsafeRawPointer, weights: UnsafeRawPointer, input: (Int) -> SIMD16<Int8>)
      -> SIMD16<Int32>
    {
      var acc = bias.loadUnaligned(as: SIMD16<Int32>.self)
      var w = weights
      var t = 0
      if productPairsFitInt16 {
        while t + 1 < taps {
          acc &+= widened(
            products(input(t), w.loadUnaligned(as: SIMD16<Int8>.self))
              &+ products(input(t + 1), w.loadUnaligned(fromByteOffset: 16, as: SIMD16<Int8>.self)))
          w += 32
          t += 2
        }
      }
      while t < taps {
        acc &+= widened(products(input(t), w.loadUnaligned(as: SIMD16<Int8>.self)))
        w += 16
        t += 1
      }
      return acc
    }
  }
#endif
