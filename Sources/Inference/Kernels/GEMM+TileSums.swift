// The inner loop of `PackedGEMMWeights.gemm` for one 16-row block and one 4-pixel tile: bias plus the
// tile's dot products, per ISA. Each form was chosen from the assembly LLVM makes of it (see the note in
// each branch); the packing (`depthGroup`) and the kernel's input type follow the form.

#if arch(x86_64) && VNNI
  extension PackedGEMMWeights {
    /// Weights are grouped by fours of k: `vpdpbusd` adds four unsigned-by-signed byte products per lane.
    static let depthGroup = 4
    static let depthPadding = depthGroup
    typealias KernelInput = UInt8
    /// Inputs are read as unsigned bytes: `input + 128`.
    @inline(__always)
    @_optimize(speed)
    static func kernelInputs(_ v: SIMD16<Int8>) -> SIMD16<UInt8> {
      unsafeBitCast(v, to: SIMD16<UInt8>.self) ^ SIMD16(repeating: 0x80)
    }

    /// 8 rows' weight quads, as loaded: 32 bytes.
    @inline(__always)
    @_optimize(speed)
    static func stepWeights(_ p: UnsafeRawPointer) -> SIMD8<Int32> { p.loadUnaligned(as: SIMD8<Int32>.self) }

    /// One `vpdpbusd`: 32 multiply-accumulates, twice the `vpdpwssd` pair kernel's. No plain Swift form was
    /// found that LLVM selects as `vpdpbusd` outside a loop reduction, hence the intrinsic (ByteDotProducts.swift).
    @inline(__always)
    @_optimize(speed)
    static func multiplyAccumulate(_ sums: SIMD8<Int32>, _ weights: SIMD8<Int32>, _ inputs: Int32) -> SIMD8<Int32> {
      quadProducts(sums, SIMD8(repeating: inputs), weights)
    }
  }
#elseif arch(x86_64)
  extension PackedGEMMWeights {
    /// Weights are grouped by pairs of k: the kernel multiplies pairs and adds each pair's two products.
    static let depthGroup = 2
    static let depthPadding = depthGroup
    typealias KernelInput = Int16

    @inline(__always)
    @_optimize(speed)
    static func kernelInputs(_ v: SIMD16<Int8>) -> SIMD16<Int16> { widenedToInt16(v) }

    /// 8 rows' weight pairs (16 bytes), sign-extended.
    @inline(__always)
    @_optimize(speed)
    static func stepWeights(_ p: UnsafeRawPointer) -> SIMD16<Int32> { widened(p.loadUnaligned(as: SIMD16<Int8>.self)) }

    /// `weights[2i] * x.0 + weights[2i + 1] * x.1` added to lane i, where `inputs` holds two int16 inputs x.
    /// Written as "multiply widened lanes, then add even and odd lanes", LLVM selects `vpmaddwd` + `vpaddd`
    /// with AVX2 and the fused `vpdpwssd` with AVX-512 VNNI (16 multiply-accumulates), where a 32-bit
    /// multiply form needs a `vpmulld` per 16 (or 8) products.
    @inline(__always)
    @_optimize(speed)
    static func multiplyAccumulate(_ sums: SIMD8<Int32>, _ weights: SIMD16<Int32>, _ inputs: Int32) -> SIMD8<Int32> {
      sums &+ pairSums(weights &* widened(unsafeBitCast(SIMD8<Int32>(repeating: inputs), to: SIMD16<Int16>.self)))
    }
  }
#endif

#if arch(x86_64)
  extension PackedGEMMWeights {
    /// Each step takes `depthGroup` k: 16 rows' weight groups, as two halves of 8 rows (`stepWeights`), and
    /// each pixel's group of inputs broadcast as one 32-bit word, 8 `multiplyAccumulate`s on ymm accumulators.
    /// All 16 rows are computed whatever `rows` says.
    @inline(__always)
    @_optimize(speed)
    func tileSums(
      weights: UnsafeRawPointer, bias: UnsafeRawPointer, inputs: UnsafeRawPointer, rows: Int
    ) -> (SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>) {
      let low = bias.loadUnaligned(as: SIMD8<Int32>.self)
      let high = bias.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int32>.self)
      var (l0, l1, l2, l3) = (low, low, low, low)
      var (h0, h1, h2, h3) = (high, high, high, high)
      let rowBytes = paddedDepth * MemoryLayout<KernelInput>.size
      let halfBytes = Self.blockRows / 2 * Self.depthGroup
      var w = weights
      var x = inputs
      for _ in 0..<paddedDepth / Self.depthGroup {
        let wl = Self.stepWeights(w)
        let wh = Self.stepWeights(w + halfBytes)
        let x0 = x.load(as: Int32.self)
        let x1 = x.load(fromByteOffset: rowBytes, as: Int32.self)
        let x2 = x.load(fromByteOffset: 2 * rowBytes, as: Int32.self)
        let x3 = x.load(fromByteOffset: 3 * rowBytes, as: Int32.self)
        l0 = Self.multiplyAccumulate(l0, wl, x0)
        h0 = Self.multiplyAccumulate(h0, wh, x0)
        l1 = Self.multiplyAccumulate(l1, wl, x1)
        h1 = Self.multiplyAccumulate(h1, wh, x1)
        l2 = Self.multiplyAccumulate(l2, wl, x2)
        h2 = Self.multiplyAccumulate(h2, wh, x2)
        l3 = Self.multiplyAccumulate(l3, wl, x3)
        h3 = Self.multiplyAccumulate(h3, wh, x3)
        w += 2 * halfBytes
        x += 4
      }
      return (joined(l0, h0), joined(l1, h1), joined(l2, h2), joined(l3, h3))
    }
  }
#elseif arch(arm64) && DOTPROD
  extension PackedGEMMWeights {
    /// Weights are grouped by fours of k: `sdot` adds four signed byte products per lane.
    static let depthGroup = 4
    /// Depth is padded to eights: each step takes two groups.
    static let depthPadding = 8
    typealias KernelInput = Int8

    @inline(__always)
    @_optimize(speed)
    static func kernelInputs(_ v: SIMD16<Int8>) -> SIMD16<Int8> { v }

    /// Each step takes eight k, as XNNPACK's `4x16c4` neondot kernel does: 16 rows' weight quads for each half
    /// (128 bytes: eight registers of 4 rows, `ldp`) and each pixel's eight inputs (one 8-byte load), 32
    /// lane-indexed `sdot` per step (16 multiply-accumulates each), the pixel's input quad taken from its lane
    /// (`sdot v.4s, w.16b, x.4b[i]`) rather than broadcast with an `ld1r` per quad: 44 instructions per 32 `sdot`
    /// where four k per step with broadcasts took 58 (`llvm-mca -mcpu=cortex-a76`: 18.1 cycles instead of 26.2).
    /// All 16 rows are computed whatever `rows` says.
    @inline(__always)
    @_optimize(speed)
    func tileSums(
      weights: UnsafeRawPointer, bias: UnsafeRawPointer, inputs: UnsafeRawPointer, rows: Int
    ) -> (SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>) {
      typealias Quarters = (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>)
      @inline(__always)
      @_optimize(speed)
      func quarters(_ p: UnsafeRawPointer) -> (SIMD16<Int8>, SIMD16<Int8>, SIMD16<Int8>, SIMD16<Int8>) {
        (
          p.loadUnaligned(as: SIMD16<Int8>.self), p.loadUnaligned(fromByteOffset: 16, as: SIMD16<Int8>.self),
          p.loadUnaligned(fromByteOffset: 32, as: SIMD16<Int8>.self),
          p.loadUnaligned(fromByteOffset: 48, as: SIMD16<Int8>.self)
        )
      }
      let b: Quarters = (
        bias.loadUnaligned(as: SIMD4<Int32>.self), bias.loadUnaligned(fromByteOffset: 16, as: SIMD4<Int32>.self),
        bias.loadUnaligned(fromByteOffset: 32, as: SIMD4<Int32>.self),
        bias.loadUnaligned(fromByteOffset: 48, as: SIMD4<Int32>.self)
      )
      var (a0, a1, a2, a3) = (b, b, b, b)
      // Wrapping arithmetic on the depth (a multiple of the step, and the scratch holds 4 rows of it): no
      // overflow or sign checks per block.
      let rowBytes = paddedDepth
      var w = weights
      var x = inputs
      // At least one step (the depth is padded to 8): a loop tested at its end, with no zero-trip branch.
      var remaining = paddedDepth &>> 3
      repeat {
        let first = quarters(w)
        let second = quarters(w + 64)
        /// `sums` plus 16 rows' products with one pixel's eight inputs `pixel`: its first quad (lane 0) with
        /// the first group's weights, its second (lane 1) with the second's.
        @inline(__always)
        @_optimize(speed)
        func step(_ sums: Quarters, _ pixel: SIMD2<Int32>) -> Quarters {
          let low = unsafeBitCast(SIMD4<Int32>(repeating: pixel[0]), to: SIMD16<Int8>.self)
          let high = unsafeBitCast(SIMD4<Int32>(repeating: pixel[1]), to: SIMD16<Int8>.self)
          return (
            quadProducts(quadProducts(sums.0, first.0, low), second.0, high),
            quadProducts(quadProducts(sums.1, first.1, low), second.1, high),
            quadProducts(quadProducts(sums.2, first.2, low), second.2, high),
            quadProducts(quadProducts(sums.3, first.3, low), second.3, high)
          )
        }
        a0 = step(a0, x.loadUnaligned(as: SIMD2<Int32>.self))
        a1 = step(a1, x.loadUnaligned(fromByteOffset: rowBytes, as: SIMD2<Int32>.self))
        a2 = step(a2, x.loadUnaligned(fromByteOffset: 2 &* rowBytes, as: SIMD2<Int32>.self))
        a3 = step(a3, x.loadUnaligned(fromByteOffset: 3 &* rowBytes, as: SIMD2<Int32>.self))
        w += 128
        x += 8
        remaining &-= 1
      } while remaining != 0
      return (joined(a0), joined(a1), joined(a2), joined(a3))
    }
  }

  /// The four quarters' lanes in order: whole registers side by side (lane by lane, the sums went through memory).
  @inline(__always)
  @_optimize(speed)
  func joined(_ q: (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>)) -> SIMD16<Int32> {
    SIMD16(lowHalf: SIMD8(lowHalf: q.0, highHalf: q.1), highHalf: SIMD8(lowHalf: q.2, highHalf: q.3))
  }
#else
  extension PackedGEMMWeights {
    /// Weights are grouped by sixteens of k: each row's 16 weights against a pixel's 16 inputs, one register each.
    static let depthGroup = 16
    static let depthPadding = depthGroup
    typealias KernelInput = Int8

    @inline(__always)
    @_optimize(speed)
    static func kernelInputs(_ v: SIMD16<Int8>) -> SIMD16<Int8> { v }

    /// The tile in four passes of 4 rows × 4 pixels (16 accumulators). Each step takes 16 k: per row and pixel,
    /// `smull` makes 8 int16 products, `smlal2` adds the other 8 onto them, and `sadalp` adds their pairs into
    /// four int32 lanes (16 multiply-accumulates per 3 instructions, no widening of the operands, as XNNPACK's
    /// `c8` `mlal` kernels), then `addp` folds each row's lanes once per tile. The sign-extend-and-`mla` form did
    /// 4 per `mla`, plus 6 `sshll` per 16 weights.
    /// Two products fit an int16 lane, within [-32512, 32512], unless a weight is -128 (which symmetric int8
    /// quantization avoids, but a model may hold): (-128)·(-128) twice overflows. Weights with a -128 take
    /// `smull`, `smull2` and two `sadalp`, one product per int16 lane (`productPairsFitInt16`).
    /// Quarters holding none of the block's first `rows` rows are skipped (their lanes are zero): a block of
    /// 4 remaining rows costs a quarter of a full one.
    @inline(__always)
    @_optimize(speed)
    func tileSums(
      weights: UnsafeRawPointer, bias: UnsafeRawPointer, inputs: UnsafeRawPointer, rows: Int
    ) -> (SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>) {
      productPairsFitInt16
        ? tileSums(weights: weights, bias: bias, inputs: inputs, rows: rows, products: twoProductPairSums)
        : tileSums(weights: weights, bias: bias, inputs: inputs, rows: rows, products: productPairSums)
    }

    /// `tileSums` with `products(accumulator, a, b)` adding the 16 products `a[k] * b[k]` onto `accumulator`.
    @inline(__always)
    @_optimize(speed)
    private func tileSums(
      weights: UnsafeRawPointer, bias: UnsafeRawPointer, inputs: UnsafeRawPointer, rows: Int,
      products: (SIMD4<Int32>, SIMD16<Int8>, SIMD16<Int8>) -> SIMD4<Int32>
    ) -> (SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>) {
      @inline(__always)
      @_optimize(speed)
      func quarter(_ index: Int) -> (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>) {
        guard index == 0 || rows > 4 &* index else { return (.zero, .zero, .zero, .zero) }
        return quarterSums(
          weights: weights + 4 * 16 * index,
          bias: bias.loadUnaligned(fromByteOffset: 16 * index, as: SIMD4<Int32>.self), inputs: inputs,
          products: products)
      }
      let (q0, q1, q2, q3) = (quarter(0), quarter(1), quarter(2), quarter(3))
      // Whole registers side by side, not lane by lane (which spilled the sums through memory).
      @inline(__always)
      @_optimize(speed)
      func joined(_ a: SIMD4<Int32>, _ b: SIMD4<Int32>, _ c: SIMD4<Int32>, _ d: SIMD4<Int32>) -> SIMD16<Int32> {
        SIMD16(lowHalf: SIMD8(lowHalf: a, highHalf: b), highHalf: SIMD8(lowHalf: c, highHalf: d))
      }
      return (
        joined(q0.0, q1.0, q2.0, q3.0), joined(q0.1, q1.1, q2.1, q3.1), joined(q0.2, q1.2, q2.2, q3.2),
        joined(q0.3, q1.3, q2.3, q3.3)
      )
    }

    /// `bias` plus 4 rows' (16 bytes apart, 256 per step) dot products with each of the 4 pixels.
    @inline(__always)
    @_optimize(speed)
    private func quarterSums(
      weights: UnsafeRawPointer, bias: SIMD4<Int32>, inputs: UnsafeRawPointer,
      products: (SIMD4<Int32>, SIMD16<Int8>, SIMD16<Int8>) -> SIMD4<Int32>
    ) -> (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>) {
      typealias Rows = (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>)
      typealias Pixels = (Rows, Rows, Rows, Rows)
      // Wrapping arithmetic on the depth (a multiple of the step, and the scratch holds 4 rows of it): no
      // overflow or sign checks per block.
      let rowBytes = paddedDepth
      /// `sums` plus one step: each row's products (weights at `w`, 16 bytes apart) with each pixel's 16 inputs
      /// (at `x`, `rowBytes` apart), in pairs.
      @inline(__always)
      @_optimize(speed)
      func step(_ sums: Pixels, _ w: UnsafeRawPointer, _ x: UnsafeRawPointer) -> Pixels {
        let w0 = w.loadUnaligned(as: SIMD16<Int8>.self)
        let w1 = w.loadUnaligned(fromByteOffset: 16, as: SIMD16<Int8>.self)
        let w2 = w.loadUnaligned(fromByteOffset: 32, as: SIMD16<Int8>.self)
        let w3 = w.loadUnaligned(fromByteOffset: 48, as: SIMD16<Int8>.self)
        @inline(__always)
        @_optimize(speed)
        func pixel(_ sums: Rows, _ inputs: SIMD16<Int8>) -> Rows {
          (
            products(sums.0, w0, inputs), products(sums.1, w1, inputs), products(sums.2, w2, inputs),
            products(sums.3, w3, inputs)
          )
        }
        return (
          pixel(sums.0, x.loadUnaligned(as: SIMD16<Int8>.self)),
          pixel(sums.1, x.loadUnaligned(fromByteOffset: rowBytes, as: SIMD16<Int8>.self)),
          pixel(sums.2, x.loadUnaligned(fromByteOffset: 2 &* rowBytes, as: SIMD16<Int8>.self)),
          pixel(sums.3, x.loadUnaligned(fromByteOffset: 3 &* rowBytes, as: SIMD16<Int8>.self))
        )
      }
      // The first step (there is one: the depth is padded to 16) adds to zero sums, which fold away: its
      // products start the sums (`saddlp`) instead of 16 `movi` zeroing them for `sadalp`.
      let zero: Rows = (.zero, .zero, .zero, .zero)
      var (a0, a1, a2, a3) = step((zero, zero, zero, zero), weights, inputs)
      var w = weights + 256
      var x = inputs + 16
      var remaining = paddedDepth &>> 4 &- 1
      while remaining > 0 {
        (a0, a1, a2, a3) = step((a0, a1, a2, a3), w, x)
        w += 256
        x += 16
        remaining &-= 1
      }
      /// Row i's four partial sums folded into lane i.
      @inline(__always)
      @_optimize(speed)
      func folded(_ r: Rows) -> SIMD4<Int32> { bias &+ pairwiseSums(pairwiseSums(r.0, r.1), pairwiseSums(r.2, r.3)) }
      return (folded(a0), folded(a1), folded(a2), folded(a3))
    }
  }
#endif

extension PackedGEMMWeights {
  /// `tileSums` for one pixel (FULLY_CONNECTED at batch 1): inlined, the other pixels' arithmetic is dead and
  /// goes (on cortex-a76 a step of 8 k then takes 16 instructions, the tile's 44).
  @inline(__always)
  @_optimize(speed)
  func pixelSums(
    weights: UnsafeRawPointer, bias: UnsafeRawPointer, inputs: UnsafeRawPointer, rows: Int
  ) -> SIMD16<Int32> {
    tileSums(weights: weights, bias: bias, inputs: inputs, rows: rows).0
  }
}
