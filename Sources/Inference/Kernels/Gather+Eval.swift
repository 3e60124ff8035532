extension GatherPlan {
  @_optimize(speed)
  func eval(input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
    for (run, source) in sources.enumerated() {
      (output + run * runBytes).copyMemory(from: input + source * elementBytes, byteCount: runBytes)
    }
  }
}
