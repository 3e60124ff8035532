extension MeanPlan {
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    for (o, base) in outputBases.enumerated() {
      var sum: Int32 = 0
      for offset in reducedOffsets { sum &+= Int32(input[base + offset]) &- inputZeroPoint }
      output[o] = Int8(clamping: multiplier.apply(sum) &+ outputZeroPoint)
    }
  }
}
