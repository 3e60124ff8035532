extension FloatMeanPlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    for (o, base) in geometry.outputBases.enumerated() {
      var sum: Float = 0
      for offset in geometry.reducedOffsets { sum += input[base + offset] }
      output[o] = sum / divisor
    }
  }
}

extension FloatSoftmaxPlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    for row in 0..<rows {
      let x = input + row * depth
      let y = output + row * depth
      var maximum = -Float.greatestFiniteMagnitude
      for c in 0..<depth where maximum < x[c] { maximum = x[c] }
      var sum: Float = 0
      for c in 0..<depth {
        y[c] = floatExp((x[c] - maximum) * beta)
        sum += y[c]
      }
      for c in 0..<depth { y[c] = y[c] / sum }
    }
  }
}
