// A nine-tap depthwise window (3×3, any stride and dilation) moving along a row of output pixels (aarch64):
// the block's nine weights stay in registers for the whole row and each pixel reads its taps at one offset
// from the first pixel's tap pointers, so the per-pixel kernel's loop, pointer loads and weight loads go. The
// taps pair in int16 as in `accumulate`.

#if !arch(x86_64)
  extension DepthwiseC16Weights {
    /// Whether the interior of rows runs `nineTapRow`: nine taps whose products pair in int16, and multipliers
    /// below 1/2 (`RightShiftRequantizationBlock`, as convolutions' nearly always are).
    var runsNineTapRows: Bool { taps == 9 && productPairsFitInt16 && output.shiftsRight }

    /// Channels `c ..< c + 16` of `pixels` output pixels along a row: the first pixel's taps at `taps[t] + c`,
    /// each next pixel's `inputStep` bytes further, outputs from `output` on, `outputStep` bytes apart.
    ///
    /// Not inlined, as `columnPairRow` on x86_64: inside `evalC16` the register pressure of both loops spills.
    @inline(never)
    @_optimize(speed)
    func nineTapRow(
      channel c: Int, taps t: UnsafeMutablePointer<UnsafePointer<Int8>>, inputStep: Int, pixels: Int,
      output: UnsafeMutablePointer<Int8>, outputStep: Int
    ) {
      @inline(__always)
      @_optimize(speed)
      func store(_ result: SIMD16<Int8>, _ out: UnsafeMutablePointer<Int8>) {
        UnsafeMutableRawPointer(out).storeBytes(of: result, as: SIMD16<Int8>.self)
      }
      nineTapRow(
        channel: c, taps: t, inputStep: inputStep, pixels: pixels, output: output, outputStep: outputStep, store)
    }

    /// `nineTapRow` for the last block's `count` (< 16) channels: it stores only those, except when they are all
    /// the pixel's channels (`c` is 0 and `outputStep` is `count`): then a pixel whose 16 bytes end inside the
    /// row's outputs stores a whole vector, whose lanes past `count` the next pixels rewrite (never past the row:
    /// threads split the rows). Its loads still read 16 bytes from `taps[t] + c` on, so the caller runs it only
    /// for pixels whose loads stay inside the input or the padding row (`wholeLoadPixels`); the lanes past `count`
    /// have zero weights.
    @inline(never)
    @_optimize(speed)
    func nineTapRow(
      channel c: Int, count: Int, taps t: UnsafeMutablePointer<UnsafePointer<Int8>>, inputStep: Int, pixels: Int,
      output: UnsafeMutablePointer<Int8>, outputStep: Int
    ) {
      // The last output a whole store may start at, or before `output` when none may.
      let lastWhole = output + (c == 0 && outputStep == count ? pixels &* outputStep &- Self.lanes : -1)
      @inline(__always)
      @_optimize(speed)
      func store(_ result: SIMD16<Int8>, _ out: UnsafeMutablePointer<Int8>) {
        result.storeLanes(to: out, count: out <= lastWhole ? Self.lanes : count)
      }
      nineTapRow(
        channel: c, taps: t, inputStep: inputStep, pixels: pixels, output: output, outputStep: outputStep, store)
    }

    /// The row loop of both `nineTapRow`s, each pixel's 16 results passed to `store` with its output address. It
    /// makes its own requantization block (passed in, its broadcast offset and bounds came as four and two
    /// registers each).
    @inline(__always)
    @_optimize(speed)
    private func nineTapRow(
      channel c: Int, taps t: UnsafeMutablePointer<UnsafePointer<Int8>>, inputStep: Int, pixels: Int,
      output: UnsafeMutablePointer<Int8>, outputStep: Int, _ store: (SIMD16<Int8>, UnsafeMutablePointer<Int8>) -> Void
    ) {
      let requantization = RightShiftRequantizationBlock(self.output, channel: c)
      data.withUnsafeBufferPointer { packed in
        bias.withUnsafeBufferPointer { bias in
          let weights = NineTapWeights(UnsafeRawPointer(packed.baseAddress! + c * paddedTaps))
          // One address moves along the row; the taps lie at fixed distances from it (as integers: a tap may
          // point into the padding row, another allocation). With a pointer per tap, LLVM advanced all nine.
          let first = UInt(bitPattern: t[0] + c)
          @inline(__always)
          @_optimize(speed)
          func distance(_ tap: Int) -> UInt { UInt(bitPattern: t[tap]) &- UInt(bitPattern: t[0]) }
          let (d1, d2, d3, d4, d5, d6, d7, d8) = (
            distance(1), distance(2), distance(3), distance(4), distance(5), distance(6), distance(7), distance(8)
          )
          let b = UnsafeRawPointer(bias.baseAddress! + c).loadUnaligned(as: SIMD16<Int32>.self)
          var address = first
          var out = output
          for _ in 0..<pixels {
            @inline(__always)
            @_optimize(speed)
            func x(_ d: UInt) -> SIMD16<Int8> {
              UnsafeRawPointer(bitPattern: address &+ d).unsafelyUnwrapped.loadUnaligned(as: SIMD16<Int8>.self)
            }
            let acc = weights.sums(bias: b, (x(0), x(d1), x(d2), x(d3), x(d4), x(d5), x(d6), x(d7), x(d8)))
            store(requantization.apply(acc), out)
            address &+= UInt(bitPattern: inputStep)
            out += outputStep
          }
        }
      }
    }

    /// Channels `0..<channels` of one output pixel whose taps are at `taps[t]` (plus the channel), output at
    /// `output` (plus the channel), 16 at a time: a pixel at the border, in one call for all its blocks (a
    /// `nineTapRow` of one pixel per block cost more in its setup than in the pixel's arithmetic). A last partial
    /// block reads 16 bytes per tap as `nineTapRow(channel:count:…)` does, and stores only its channels.
    @inline(never)
    @_optimize(speed)
    func nineTapPixel(
      channels: Int, taps t: UnsafeMutablePointer<UnsafePointer<Int8>>, output: UnsafeMutablePointer<Int8>
    ) {
      data.withUnsafeBufferPointer { packed in
        bias.withUnsafeBufferPointer { bias in
          var c = 0
          while c < channels {
            let weights = NineTapWeights(UnsafeRawPointer(packed.baseAddress! + c &* paddedTaps))
            @inline(__always)
            @_optimize(speed)
            func x(_ tap: Int) -> SIMD16<Int8> { UnsafeRawPointer(t[tap] + c).loadUnaligned(as: SIMD16<Int8>.self) }
            let acc = weights.sums(
              bias: UnsafeRawPointer(bias.baseAddress! + c).loadUnaligned(as: SIMD16<Int32>.self),
              (x(0), x(1), x(2), x(3), x(4), x(5), x(6), x(7), x(8)))
            RightShiftRequantizationBlock(self.output, channel: c).apply(acc).storeLanes(
              to: output + c, count: min(Self.lanes, channels &- c))
            c &+= Self.lanes
          }
        }
      }
    }
  }

  /// A block's nine weights (16 channels each), loaded once for all the pixels it runs.
  struct NineTapWeights {
    typealias Taps = (
      SIMD16<Int8>, SIMD16<Int8>, SIMD16<Int8>, SIMD16<Int8>, SIMD16<Int8>, SIMD16<Int8>, SIMD16<Int8>,
      SIMD16<Int8>, SIMD16<Int8>
    )
    var w: Taps

    /// The weights at `p`, tap after tap.
    @inline(__always)
    @_optimize(speed)
    init(_ p: UnsafeRawPointer) {
      @inline(__always)
      @_optimize(speed)
      func weight(_ tap: Int) -> SIMD16<Int8> { p.loadUnaligned(fromByteOffset: 16 &* tap, as: SIMD16<Int8>.self) }
      w = (weight(0), weight(1), weight(2), weight(3), weight(4), weight(5), weight(6), weight(7), weight(8))
    }

    /// `bias` plus the nine taps' products with their inputs `x`, two taps per int16 lane.
    @inline(__always)
    @_optimize(speed)
    func sums(bias: SIMD16<Int32>, _ x: Taps) -> SIMD16<Int32> {
      var acc = bias &+ widened(products(x.0, w.0) &+ products(x.1, w.1))
      acc &+= widened(products(x.2, w.2) &+ products(x.3, w.3))
      acc &+= widened(products(x.4, w.4) &+ products(x.5, w.5))
      acc &+= widened(products(x.6, w.6) &+ products(x.7, w.7))
      return acc &+ widened(products(x.8, w.8))
    }
  }
#endif
