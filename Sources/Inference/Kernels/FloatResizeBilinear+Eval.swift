extension FloatResizeBilinearPlan {
  /// Per output pixel, 8 channels at a time.
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    var out = output
    for b in 0..<batches {
      let image = input + b * inputHeight * inputWidth * depth
      for row in rows {
        for column in columns {
          let (topLeft, bottomLeft) = (image + row.lower + column.lower, image + row.upper + column.lower)
          let (topRight, bottomRight) = (image + row.lower + column.upper, image + row.upper + column.upper)
          let (wy0, wy1, wx0, wx1) = (row.lowerWeight, row.upperWeight, column.lowerWeight, column.upperWeight)
          for c in stride(from: 0, to: depth, by: 8) {
            let lanes = min(8, depth - c)
            let a = FloatVector(lanes: topLeft + c, count: lanes)
            let b = FloatVector(lanes: bottomLeft + c, count: lanes)
            let d = FloatVector(lanes: topRight + c, count: lanes)
            let e = FloatVector(lanes: bottomRight + c, count: lanes)
            let value = a * wy0 * wx0 + b * wy1 * wx0 + d * wy0 * wx1 + e * wy1 * wx1
            value.storeLanes(to: out + c, count: lanes)
          }
          out += depth
        }
      }
    }
  }
}
