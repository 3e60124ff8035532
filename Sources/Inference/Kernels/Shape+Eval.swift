extension ShapePlan {
  @_optimize(speed)
  func eval(output: UnsafeMutableRawPointer) {
    let out = output.assumingMemoryBound(to: Int32.self)
    for (i, dimension) in dimensions.enumerated() { out[i] = dimension }
  }
}
