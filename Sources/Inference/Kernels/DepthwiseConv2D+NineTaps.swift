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
    /// It makes its own requantization block (passed in, its broadcast offset and bounds came as four and two
    /// registers each).
    @inline(never)
    @_optimize(speed)
    func nineTapRow(
      channel c: Int, taps t: UnsafeMutablePointer<UnsafePointer<Int8>>, inputStep: Int, pixels: Int,
      output: UnsafeMutablePointer<Int8>, outputStep: Int
    ) {
      let requantization = RightShiftRequantizationBlock(self.output, channel: c)
      data.withUnsafeBufferPointer { packed in
        bias.withUnsafeBufferPointer { bias in
          let w = UnsafeRawPointer(packed.baseAddress! + c * paddedTaps)
          @inline(__always)
          @_optimize(speed)
          func weight(_ tap: Int) -> SIMD16<Int8> { w.loadUnaligned(fromByteOffset: 16 * tap, as: SIMD16<Int8>.self) }
          let (w0, w1, w2, w3, w4, w5, w6, w7, w8) = (
            weight(0), weight(1), weight(2), weight(3), weight(4), weight(5), weight(6), weight(7), weight(8)
          )
          let (p0, p1, p2, p3, p4, p5, p6, p7, p8) = (
            t[0] + c, t[1] + c, t[2] + c, t[3] + c, t[4] + c, t[5] + c, t[6] + c, t[7] + c, t[8] + c
          )
          let b = UnsafeRawPointer(bias.baseAddress! + c).loadUnaligned(as: SIMD16<Int32>.self)
          var offset = 0
          var out = output
          for _ in 0..<pixels {
            @inline(__always)
            @_optimize(speed)
            func x(_ p: UnsafePointer<Int8>) -> SIMD16<Int8> {
              UnsafeRawPointer(p + offset).loadUnaligned(as: SIMD16<Int8>.self)
            }
            var acc = b &+ widened(products(x(p0), w0) &+ products(x(p1), w1))
            acc &+= widened(products(x(p2), w2) &+ products(x(p3), w3))
            acc &+= widened(products(x(p4), w4) &+ products(x(p5), w5))
            acc &+= widened(products(x(p6), w6) &+ products(x(p7), w7))
            acc &+= widened(products(x(p8), w8))
            UnsafeMutableRawPointer(out).storeBytes(of: requantization.apply(acc), as: SIMD16<Int8>.self)
            offset &+= inputStep
            out += outputStep
          }
        }
      }
    }
  }
#endif
