extension LogSoftmaxPlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    let outputShift = 31 - Self.inputIntegerBits - Self.outputIntegerBits
    for row in 0..<rows {
      let x = input + row * depth
      let out = output + row * depth
      var maximum = Int8.min
      for i in 0..<depth { maximum = max(maximum, x[i]) }
      var sum: Int32 = 0
      for i in 0..<depth { sum &+= exps[Int(maximum) - Int(x[i])] }
      let logSum = FixedPoint.log(
        sum, inputIntegerBits: Self.accumulationIntegerBits, outputIntegerBits: Self.inputIntegerBits)
      let adjustedDiffMin = max(diffMin - 1, reverseScaling.apply(logSum &+ Int32.min))
      for i in 0..<depth {
        let diff = Int32(x[i]) - Int32(maximum)
        guard diff > adjustedDiffMin else {
          out[i] = .min
          continue
        }
        let scaled = roundingDivideByPOT(scaledDiffs[Int(-diff)] &- logSum, outputShift) &+ 127
        out[i] = Int8(clamping: scaled)
      }
    }
  }
}
