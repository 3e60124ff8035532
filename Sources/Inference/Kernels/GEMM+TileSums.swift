// The inner loop of `PackedGEMMWeights.gemm` for one 16-row block and one 4-pixel tile: bias plus the
// tile's dot products, per ISA. Each form was chosen from the assembly LLVM makes of it (see the note in
// each branch); the packing (`depthGroup`) and the kernel's input type follow the form.

#if arch(x86_64) && VNNI
  extension PackedGEMMWeights {
    /// Weights are grouped by fours of k: `vpdpbusd` adds four unsigned-by-signed byte products per lane.
    static let depthGroup = 4
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
    @inline(__always)
    @_optimize(speed)
    func tileSums(weights: UnsafeRawPointer, bias: UnsafeRawPointer, inputs: UnsafeRawPointer) -> (
      SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>
    ) {
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
    typealias KernelInput = Int8

    @inline(__always)
    @_optimize(speed)
    static func kernelInputs(_ v: SIMD16<Int8>) -> SIMD16<Int8> { v }

    /// Each step takes four k: 16 rows' weight quads (64 bytes: four registers of 4 rows) and each pixel's
    /// four inputs broadcast as one 32-bit word, 16 `sdot` per step: 16 multiply-accumulates per instruction,
    /// where `mla` does 4.
    @inline(__always)
    @_optimize(speed)
    func tileSums(weights: UnsafeRawPointer, bias: UnsafeRawPointer, inputs: UnsafeRawPointer) -> (
      SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>
    ) {
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
      let rowBytes = paddedDepth
      var w = weights
      var x = inputs
      for _ in 0..<paddedDepth / 4 {
        let q = quarters(w)
        /// `sums` plus 16 rows' products with one pixel's four inputs `pixel`.
        @inline(__always)
        @_optimize(speed)
        func step(_ sums: Quarters, _ pixel: Int32) -> Quarters {
          let x = unsafeBitCast(SIMD4<Int32>(repeating: pixel), to: SIMD16<Int8>.self)
          return (
            quadProducts(sums.0, q.0, x), quadProducts(sums.1, q.1, x), quadProducts(sums.2, q.2, x),
            quadProducts(sums.3, q.3, x)
          )
        }
        a0 = step(a0, x.load(as: Int32.self))
        a1 = step(a1, x.load(fromByteOffset: rowBytes, as: Int32.self))
        a2 = step(a2, x.load(fromByteOffset: 2 * rowBytes, as: Int32.self))
        a3 = step(a3, x.load(fromByteOffset: 3 * rowBytes, as: Int32.self))
        w += 64
        x += 4
      }
      return (joined(a0), joined(a1), joined(a2), joined(a3))
    }
  }

  /// The four quarters' lanes in order.
  @inline(__always)
  @_optimize(speed)
  func joined(_ q: (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>)) -> SIMD16<Int32> {
    var r = SIMD16<Int32>()
    for i in 0..<4 {
      r[i] = q.0[i]
      r[4 + i] = q.1[i]
      r[8 + i] = q.2[i]
      r[12 + i] = q.3[i]
    }
    return r
  }
#else
  extension PackedGEMMWeights {
    static let depthGroup = 1
    typealias KernelInput = Int32

    @inline(__always)
    @_optimize(speed)
    static func kernelInputs(_ v: SIMD16<Int8>) -> SIMD16<Int32> { widened(v) }

    /// Each step takes one k: 16 rows' weights (widened with `sshll`) times each pixel's input broadcast
    /// (`ld1r`), accumulated with `mla` on four `.4s` registers per pixel. The pairwise form of x86_64 becomes
    /// `smull` + `addp` + `add` here, twice the instructions.
    @inline(__always)
    @_optimize(speed)
    func tileSums(weights: UnsafeRawPointer, bias: UnsafeRawPointer, inputs: UnsafeRawPointer) -> (
      SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>
    ) {
      let b = bias.loadUnaligned(as: SIMD16<Int32>.self)
      var (a0, a1, a2, a3) = (b, b, b, b)
      let rowBytes = paddedDepth * 4
      var w = weights
      var x = inputs
      for _ in 0..<paddedDepth {
        let weights = widened(w.loadUnaligned(as: SIMD16<Int8>.self))
        a0 &+= weights &* SIMD16(repeating: x.load(as: Int32.self))
        a1 &+= weights &* SIMD16(repeating: x.load(fromByteOffset: rowBytes, as: Int32.self))
        a2 &+= weights &* SIMD16(repeating: x.load(fromByteOffset: 2 * rowBytes, as: Int32.self))
        a3 &+= weights &* SIMD16(repeating: x.load(fromByteOffset: 3 * rowBytes, as: Int32.self))
        w += 16
        x += 4
      }
      return (a0, a1, a2, a3)
    }
  }
#endif
