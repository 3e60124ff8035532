// Lane-wise integer conversions written as per-lane loops: after inlining, LLVM turns each into a single
// sign extension or truncation (`vpmovsxbd`, `vpmovdb` / `sshll`, `xtn`). The standard library's
// generic `init(truncatingIfNeeded:)` between SIMD types is not inlined in release builds, which costs a call
// per vector in hot loops.

@inline(__always)
@_optimize(speed)
func widened(_ v: SIMD16<Int8>) -> SIMD16<Int32> {
  var r = SIMD16<Int32>()
  for i in 0..<16 { r[i] = Int32(v[i]) }
  return r
}

@inline(__always)
@_optimize(speed)
func truncated(_ v: SIMD16<Int32>) -> SIMD16<Int8> {
  var r = SIMD16<Int8>()
  for i in 0..<16 { r[i] = Int8(truncatingIfNeeded: v[i]) }
  return r
}

@inline(__always)
@_optimize(speed)
func widenedToInt16(_ v: SIMD16<Int8>) -> SIMD16<Int16> {
  var r = SIMD16<Int16>()
  for i in 0..<16 { r[i] = Int16(v[i]) }
  return r
}

@inline(__always)
@_optimize(speed)
func widened(_ v: SIMD16<Int16>) -> SIMD16<Int32> {
  var r = SIMD16<Int32>()
  for i in 0..<16 { r[i] = Int32(v[i]) }
  return r
}

/// `a[i] * b[i]` per lane, exact in int16: LLVM selects `smull`, `smull2` (and `smlal`, `smlal2` for a sum of two).
@inline(__always)
@_optimize(speed)
func products(_ a: SIMD16<Int8>, _ b: SIMD16<Int8>) -> SIMD16<Int16> {
  var r = SIMD16<Int16>()
  for i in 0..<16 { r[i] = Int16(a[i]) &* Int16(b[i]) }
  return r
}

/// Lane i is `a[i]` in even lanes 2i, `b[i]` in odd lanes 2i + 1.
@inline(__always)
@_optimize(speed)
func interleaved(_ a: SIMD8<Int8>, _ b: SIMD8<Int8>) -> SIMD16<Int8> {
  var r = SIMD16<Int8>()
  for i in 0..<8 {
    r[2 * i] = a[i]
    r[2 * i + 1] = b[i]
  }
  return r
}

/// `p[2i] + p[2i + 1]` for each i: with `p` a product of sign-extended 16-bit lanes, LLVM selects `vpmaddwd`
/// (and fuses the accumulation into `vpdpwssd` where VNNI is available).
@inline(__always)
@_optimize(speed)
func pairSums(_ p: SIMD16<Int32>) -> SIMD8<Int32> {
  var sums = SIMD8<Int32>()
  for i in 0..<8 { sums[i] = p[2 * i] &+ p[2 * i + 1] }
  return sums
}

/// `low` in lanes 0..<8, `high` in lanes 8..<16.
@inline(__always)
@_optimize(speed)
func joined(_ low: SIMD8<Int32>, _ high: SIMD8<Int32>) -> SIMD16<Int32> {
  var r = SIMD16<Int32>()
  for i in 0..<8 {
    r[i] = low[i]
    r[8 + i] = high[i]
  }
  return r
}
