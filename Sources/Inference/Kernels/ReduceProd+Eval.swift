extension ReduceProdPlan {
  /// Products wrap on overflow, where TFLite's C++ has undefined behaviour; shape products stay small.
  @_optimize(speed)
  func eval(input: UnsafePointer<Int32>, output: UnsafeMutablePointer<Int32>) {
    output.update(repeating: 1, count: outputCount)
    for (i, destination) in destinations.enumerated() { output[destination] &*= input[i] }
  }
}
