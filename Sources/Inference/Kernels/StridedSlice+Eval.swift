extension StridedSlicePlan {
  /// Copies the selected elements in output order; `elementBytes` wide, so int8 data and int32 shapes share it.
  @_optimize(speed)
  func eval(input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
    let s = inputShape
    var out = output
    let width = elementBytes
    for i0 in 0..<counts[0] {
      let o0 = starts[0] + i0 * steps[0]
      for i1 in 0..<counts[1] {
        let o1 = o0 * s[1] + starts[1] + i1 * steps[1]
        for i2 in 0..<counts[2] {
          let o2 = o1 * s[2] + starts[2] + i2 * steps[2]
          for i3 in 0..<counts[3] {
            let o3 = o2 * s[3] + starts[3] + i3 * steps[3]
            let row = o3 * s[4] + starts[4]
            if steps[4] == 1 {
              out.copyMemory(from: input + row * width, byteCount: counts[4] * width)
              out += counts[4] * width
            } else {
              for i4 in 0..<counts[4] {
                out.copyMemory(from: input + (row + i4 * steps[4]) * width, byteCount: width)
                out += width
              }
            }
          }
        }
      }
    }
  }
}
