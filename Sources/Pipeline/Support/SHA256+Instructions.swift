// SHA-256 compression with the CPU's own instructions, for builds whose target CPU has them (cross/build defines
// SHA256_INSTRUCTIONS from the CPU's features, as it picks the GEMM's kernels: Swift cannot test them itself):
// the SHA extensions on x86_64 (Zen, Goldmont and later, Ice Lake and later), the ARMv8 SHA2 instructions on
// aarch64 (Cortex-A76 and others with the crypto extension). About ten times faster than the portable code:
// without them hashing a capture cost about as much CPU as inferring it. The intrinsics come from the compiler's
// Builtin module.
#if SHA256_INSTRUCTIONS && (arch(x86_64) || arch(arm64))
  import Builtin

  extension SHA256 {
    /// Four big-endian words of `block` from word `index` on.
    @inline(__always)
    private static func words(_ block: UnsafeRawPointer, _ index: Int) -> SIMD4<UInt32> {
      SIMD4(word(block, index), word(block, index + 1), word(block, index + 2), word(block, index + 3))
    }

    /// Round constants K[4i…4i+3].
    @inline(__always)
    private static func constants(_ k: UnsafeBufferPointer<UInt32>, _ group: Int) -> SIMD4<UInt32> {
      SIMD4(k[4 * group], k[4 * group + 1], k[4 * group + 2], k[4 * group + 3])
    }
  }
#endif

#if SHA256_INSTRUCTIONS && arch(x86_64)
  extension SHA256 {
    /// Compresses whole 64-byte blocks with `sha256rnds2`, `sha256msg1` and `sha256msg2`, which keep the state as
    /// two vectors (A, B, E, F) and (C, D, G, H), highest lane first, and the message in four vectors of four
    /// words, each group of four rounds making the words of a later group.
    @_optimize(speed)
    static func compressWithInstructions(_ state: inout State, blocks: UnsafeRawBufferPointer) {
      guard let base = blocks.baseAddress else { return }
      var abef = SIMD4(state.5, state.4, state.1, state.0)
      var cdgh = SIMD4(state.7, state.6, state.3, state.2)
      k.withUnsafeBufferPointer { k in
        for offset in stride(from: 0, to: blocks.count, by: 64) {
          let block = base + offset
          let (savedABEF, savedCDGH) = (abef, cdgh)
          // m0 holds the current group's words, m1…m3 the next groups' (as far as made), rotated every group.
          var (m0, m1, m2, m3) = (SIMD4<UInt32>(), SIMD4<UInt32>(), SIMD4<UInt32>(), SIMD4<UInt32>())
          for group in 0..<16 {
            if group < 4 { m0 = words(block, 4 * group) }
            let message = m0 &+ constants(k, group)
            cdgh = rounds(cdgh, abef, message)
            if group >= 3 && group <= 14 {
              // W[t-7] for the next group: the last word of m3 and the first three of m0.
              m1 = schedule2(m1 &+ SIMD4(m3[1], m3[2], m3[3], m0[0]), m0)
            }
            abef = rounds(abef, cdgh, SIMD4(message[2], message[3], 0, 0))
            if group >= 1 && group <= 12 { m3 = schedule1(m3, m0) }
            (m0, m1, m2, m3) = (m1, m2, m3, m0)
          }
          abef &+= savedABEF
          cdgh &+= savedCDGH
        }
      }
      state = (abef[3], abef[2], cdgh[3], cdgh[2], abef[1], abef[0], cdgh[1], cdgh[0])
    }

    /// Two rounds on (C, D, G, H) and (A, B, E, F) with the two message-plus-constant words in the low lanes.
    @_transparent
    private static func rounds(_ cdgh: SIMD4<UInt32>, _ abef: SIMD4<UInt32>, _ wk: SIMD4<UInt32>) -> SIMD4<UInt32> {
      var result = SIMD4<UInt32>()
      result._storage._value = Builtin.int_x86_sha256rnds2(
        cdgh._storage._value, abef._storage._value, wk._storage._value)
      return result
    }

    @_transparent
    private static func schedule1(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>) -> SIMD4<UInt32> {
      var result = SIMD4<UInt32>()
      result._storage._value = Builtin.int_x86_sha256msg1(a._storage._value, b._storage._value)
      return result
    }

    @_transparent
    private static func schedule2(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>) -> SIMD4<UInt32> {
      var result = SIMD4<UInt32>()
      result._storage._value = Builtin.int_x86_sha256msg2(a._storage._value, b._storage._value)
      return result
    }
  }
#endif

#if SHA256_INSTRUCTIONS && arch(arm64)
  extension SHA256 {
    /// Compresses whole 64-byte blocks with `sha256h`, `sha256h2`, `sha256su0` and `sha256su1`, which keep the
    /// state as two vectors (A, B, C, D) and (E, F, G, H) and the message in four vectors of four words, each
    /// group of four rounds making the words of the group four later.
    @_optimize(speed)
    static func compressWithInstructions(_ state: inout State, blocks: UnsafeRawBufferPointer) {
      guard let base = blocks.baseAddress else { return }
      var abcd = SIMD4(state.0, state.1, state.2, state.3)
      var efgh = SIMD4(state.4, state.5, state.6, state.7)
      k.withUnsafeBufferPointer { k in
        for offset in stride(from: 0, to: blocks.count, by: 64) {
          let block = base + offset
          let (savedABCD, savedEFGH) = (abcd, efgh)
          var (m0, m1, m2, m3) = (words(block, 0), words(block, 4), words(block, 8), words(block, 12))
          for group in 0..<16 {
            let message = m0 &+ constants(k, group)
            if group < 12 { m0 = schedule1(schedule0(m0, m1), m2, m3) }
            let previousABCD = abcd
            abcd = roundsABCD(abcd, efgh, message)
            efgh = roundsEFGH(efgh, previousABCD, message)
            (m0, m1, m2, m3) = (m1, m2, m3, m0)
          }
          abcd &+= savedABCD
          efgh &+= savedEFGH
        }
      }
      state = (abcd[0], abcd[1], abcd[2], abcd[3], efgh[0], efgh[1], efgh[2], efgh[3])
    }

    @_transparent
    private static func roundsABCD(
      _ abcd: SIMD4<UInt32>, _ efgh: SIMD4<UInt32>, _ wk: SIMD4<UInt32>
    ) -> SIMD4<UInt32> {
      var result = SIMD4<UInt32>()
      result._storage._value = Builtin.int_aarch64_crypto_sha256h(
        abcd._storage._value, efgh._storage._value, wk._storage._value)
      return result
    }

    @_transparent
    private static func roundsEFGH(
      _ efgh: SIMD4<UInt32>, _ abcd: SIMD4<UInt32>, _ wk: SIMD4<UInt32>
    ) -> SIMD4<UInt32> {
      var result = SIMD4<UInt32>()
      result._storage._value = Builtin.int_aarch64_crypto_sha256h2(
        efgh._storage._value, abcd._storage._value, wk._storage._value)
      return result
    }

    @_transparent
    private static func schedule0(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>) -> SIMD4<UInt32> {
      var result = SIMD4<UInt32>()
      result._storage._value = Builtin.int_aarch64_crypto_sha256su0(a._storage._value, b._storage._value)
      return result
    }

    @_transparent
    private static func schedule1(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>, _ c: SIMD4<UInt32>) -> SIMD4<UInt32> {
      var result = SIMD4<UInt32>()
      result._storage._value = Builtin.int_aarch64_crypto_sha256su1(
        a._storage._value, b._storage._value, c._storage._value)
      return result
    }
  }
#endif
