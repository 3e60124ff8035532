// Byte dot-product instructions, for builds whose target CPU has them (cross/build defines VNNI or DOTPROD
// from the CPU's features; Swift cannot test them itself): AVX-512 VNNI / AVX-VNNI `vpdpbusd` on x86_64, the
// dot-product extension's `sdot` on aarch64. The intrinsics come from the compiler's Builtin module: LLVM
// selects these instructions from plain code only for loop reductions, never for a register-blocked kernel's
// accumulators. Without the dot product, aarch64 gets byte products in int16 (`smull`) added in pairs into int32
// (`sadalp`), which LLVM selects from plain code only as whole-vector widening.
#if (arch(x86_64) && VNNI) || arch(arm64)
  import Builtin
#endif

#if arch(x86_64) && VNNI
  /// `accumulator[i] + Σ_{j<4} UInt8(unsigned[4i + j]) * Int8(signed[4i + j])` per 32-bit lane, each lane of
  /// `unsigned` and `signed` holding four bytes: one `vpdpbusd` (wrapping, no saturation).
  @_transparent
  @_optimize(speed)
  func quadProducts(_ accumulator: SIMD8<Int32>, _ unsigned: SIMD8<Int32>, _ signed: SIMD8<Int32>) -> SIMD8<Int32> {
    var sums = SIMD8<Int32>()
    sums._storage._value = Builtin.int_x86_avx512_vpdpbusd_256(
      accumulator._storage._value, unsigned._storage._value, signed._storage._value)
    return sums
  }
#endif

#if arch(arm64) && DOTPROD
  /// `accumulator[i] + Σ_{j<4} a[4i + j] * b[4i + j]` per 32-bit lane: one `sdot` (wrapping).
  @_transparent
  @_optimize(speed)
  func quadProducts(_ accumulator: SIMD4<Int32>, _ a: SIMD16<Int8>, _ b: SIMD16<Int8>) -> SIMD4<Int32> {
    var sums = SIMD4<Int32>()
    sums._storage._value = Builtin.int_aarch64_neon_sdot_Vec4xInt32_Vec16xInt8(
      accumulator._storage._value, a._storage._value, b._storage._value)
    return sums
  }
#endif

#if arch(arm64) && !DOTPROD
  /// `accumulator` plus the 16 products `a[k] * b[k]`, lane i gaining those of k = 2i, 2i + 1, 8 + 2i and 9 + 2i
  /// (the four lanes together hold the dot product), each product exact in int16: `smull`, `smull2` and two
  /// `sadalp` (wrapping).
  @_transparent
  @_optimize(speed)
  func productPairSums(_ accumulator: SIMD4<Int32>, _ a: SIMD16<Int8>, _ b: SIMD16<Int8>) -> SIMD4<Int32> {
    // The products as a multiply of sign-extended lanes, which LLVM selects as `smull` / `smull2` (the
    // intrinsic's operand types cannot be named through the Builtin module).
    var low = SIMD8<Int16>()
    var high = SIMD8<Int16>()
    for i in 0..<8 {
      low[i] = Int16(a[i]) &* Int16(b[i])
      high[i] = Int16(a[8 + i]) &* Int16(b[8 + i])
    }
    var lowPairs = SIMD4<Int32>()
    lowPairs._storage._value = Builtin.int_aarch64_neon_saddlp_Vec4xInt32_Vec8xInt16(low._storage._value)
    var highPairs = SIMD4<Int32>()
    highPairs._storage._value = Builtin.int_aarch64_neon_saddlp_Vec4xInt32_Vec8xInt16(high._storage._value)
    return accumulator &+ lowPairs &+ highPairs
  }

  /// `productPairSums` with each int16 lane holding two products, `a[i] * b[i] + a[8 + i] * b[8 + i]`: `smull`,
  /// `smlal2` and one `sadalp`. Exact only while the two products' sum fits int16 (no -128 in `a`).
  @_transparent
  @_optimize(speed)
  func twoProductPairSums(_ accumulator: SIMD4<Int32>, _ a: SIMD16<Int8>, _ b: SIMD16<Int8>) -> SIMD4<Int32> {
    var products = SIMD8<Int16>()
    for i in 0..<8 { products[i] = Int16(a[i]) &* Int16(b[i]) &+ Int16(a[8 + i]) &* Int16(b[8 + i]) }
    var pairs = SIMD4<Int32>()
    pairs._storage._value = Builtin.int_aarch64_neon_saddlp_Vec4xInt32_Vec8xInt16(products._storage._value)
    return accumulator &+ pairs
  }

  /// `a[0] + a[1], a[2] + a[3], b[0] + b[1], b[2] + b[3]`: one `addp`.
  @_transparent
  @_optimize(speed)
  func pairwiseSums(_ a: SIMD4<Int32>, _ b: SIMD4<Int32>) -> SIMD4<Int32> {
    var sums = SIMD4<Int32>()
    sums._storage._value = Builtin.int_aarch64_neon_addp_Vec4xInt32(a._storage._value, b._storage._value)
    return sums
  }
#endif
