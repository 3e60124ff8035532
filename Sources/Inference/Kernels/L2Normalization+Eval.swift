extension L2NormalizationPlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    for row in 0..<rows {
      let x = input + row * depth
      var sum: Int32 = 0
      for i in 0..<depth {
        let v = Int32(x[i]) &- inputZeroPoint
        sum &+= v &* v
      }
      var multiplier = FixedPoint.inverseSqrt(sum)
      multiplier.shift += 7
      for i in 0..<depth {
        output[row * depth + i] = Int8(clamping: multiplier.apply(Int32(x[i]) &- inputZeroPoint))
      }
    }
  }
}
