extension ReducePlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    let offsets = geometry.reducedOffsets
    switch kind {
    case .mean, .sum:
      for (o, base) in geometry.outputBases.enumerated() {
        var sum: Int32 = 0
        for offset in offsets { sum &+= Int32(input[base + offset]) &- inputZeroPoint }
        output[o] = Int8(clamping: multiplier.apply(sum) &+ outputZeroPoint)
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
