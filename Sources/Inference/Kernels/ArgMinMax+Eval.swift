extension ArgMinMaxPlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutableRawPointer) {
    for o in 0..<outer {
      for i in 0..<inner {
        let first = input + o * axisSize * inner + i
        var best = first[0]
        var index = 0
        for a in 1..<max(axisSize, 1) {
          let value = first[a * inner]
          if isMax ? value > best : value < best {
            best = value
            index = a
          }
        }
        let position = o * inner + i
        if outputIsInt64 {
          output.storeBytes(of: Int64(index), toByteOffset: position * 8, as: Int64.self)
        } else {
          output.storeBytes(of: Int32(index), toByteOffset: position * 4, as: Int32.self)
        }
      }
    }
  }
}
