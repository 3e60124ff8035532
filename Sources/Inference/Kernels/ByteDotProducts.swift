// Byte dot-product instructions, for builds whose target CPU has them (cross/build defines VNNI or DOTPROD
// from the CPU's features; Swift cannot test them itself): AVX-512 VNNI / AVX-VNNI `vpdpbusd` on x86_64, the
// dot-product extension's `sdot` on aarch64. The intrinsics come from the compiler's Builtin module: LLVM
// selects these instructions from plain code only for loop reductions, never for a register-blocked kernel's
// accumulators.
#if (arch(x86_64) && VNNI) || (arch(arm64) && DOTPROD)
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
