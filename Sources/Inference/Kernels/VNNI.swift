// AVX-512 VNNI / AVX-VNNI byte dot products, for builds whose target CPU has them (cross/build defines VNNI
// from the CPU's features). The intrinsic comes from the compiler's Builtin module: LLVM selects `vpdpbusd`
// from plain code only for loop reductions, never for a register-blocked kernel's accumulators.
#if arch(x86_64) && VNNI
  import Builtin

  /// `accumulator[i] + Σ_{j<4} UInt8(unsigned[4i + j]) * Int8(signed[4i + j])` per 32-bit lane, each lane of
  /// `unsigned` and `signed` holding four bytes: one `vpdpbusd` (wrapping, no saturation).
  @_transparent
  func quadProducts(_ accumulator: SIMD8<Int32>, _ unsigned: SIMD8<Int32>, _ signed: SIMD8<Int32>) -> SIMD8<Int32> {
    var sums = SIMD8<Int32>()
    sums._storage._value = Builtin.int_x86_avx512_vpdpbusd_256(
      accumulator._storage._value, unsigned._storage._value, signed._storage._value)
    return sums
  }
#endif
