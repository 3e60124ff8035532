extension ReducePlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    let offsets = geometry.reducedOffsets
    switch kind {
    case .mean, .sum:
      // Sixteen outputs whose elements are adjacent (a mean over an NHWC image's pixels) sum as one vector; the
      // zero points come off the sums once (wrapping, as the reference's per-element subtractions: the same sum).
      let zeroPoints = Int32(truncatingIfNeeded: offsets.count) &* inputZeroPoint
      geometry.outputBases.withUnsafeBufferPointer { bases in
        var o = 0
        while o < bases.count {
          let base = bases[o]
          if o + 16 <= bases.count, (1..<16).allSatisfy({ bases[o + $0] == base + $0 }) {
            var sums = SIMD16<Int32>()
            for offset in offsets {
              sums &+= widened(UnsafeRawPointer(input + base + offset).loadUnaligned(as: SIMD16<Int8>.self))
            }
            for lane in 0..<16 {
              output[o + lane] = Int8(clamping: multiplier.apply(sums[lane] &- zeroPoints) &+ outputZeroPoint)
            }
            o += 16
            continue
          }
          var sum: Int32 = 0
          for offset in offsets { sum &+= Int32(input[base + offset]) &- inputZeroPoint }
          output[o] = Int8(clamping: multiplier.apply(sum) &+ outputZeroPoint)
          o += 1
        }
      }
    case .max:
      for (o, base) in geometry.outputBases.enumerated() {
        var best = Int8.min
        for offset in offsets { best = Swift.max(best, input[base + offset]) }
        output[o] = best
      }
    case .min:
      for (o, base) in geometry.outputBases.enumerated() {
        var best = Int8.max
        for offset in offsets { best = Swift.min(best, input[base + offset]) }
        output[o] = best
      }
    }
  }
}
