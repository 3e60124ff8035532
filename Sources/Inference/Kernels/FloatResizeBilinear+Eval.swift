extension FloatResizeBilinearPlan {
  /// Per output pixel, 8 channels at a time. A last partial block of channels still loads and stores whole
  /// vectors while they end inside the input and the output: the lanes past the pixel's channels read its
  /// neighbours' values, and the stores past them are rewritten by the next pixel.
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let (depth, pixel) = (depth, inputHeight &* inputWidth &* depth)
    let (inputEnd, outputEnd) = (input + batches &* pixel, output + batches &* rows.count &* columns.count &* depth)
    var out = output
    for b in 0..<batches {
      let image = input + b &* pixel
      for row in rows {
        for column in columns {
          let (topLeft, bottomLeft) = (image + (row.lower &+ column.lower), image + (row.upper &+ column.lower))
          let (topRight, bottomRight) = (image + (row.lower &+ column.upper), image + (row.upper &+ column.upper))
          let (wy0, wy1, wx0, wx1) = (row.lowerWeight, row.upperWeight, column.lowerWeight, column.upperWeight)
          @inline(__always)
          @_optimize(speed)
          func block(_ c: Int, loads: Int, stores: Int) {
            let a = FloatVector(lanes: topLeft + c, count: loads)
            let b = FloatVector(lanes: bottomLeft + c, count: loads)
            let d = FloatVector(lanes: topRight + c, count: loads)
            let e = FloatVector(lanes: bottomRight + c, count: loads)
            let value = a * wy0 * wx0 + b * wy1 * wx0 + d * wy0 * wx1 + e * wy1 * wx1
            value.storeLanes(to: out + c, count: stores)
          }
          var c = 0
          while c &+ 8 <= depth {
            block(c, loads: 8, stores: 8)
            c &+= 8
          }
          if c < depth {
            // The bottom right sample has the highest address of the four.
            let lanes = depth &- c
            block(
              c, loads: bottomRight + (c &+ 8) <= inputEnd ? 8 : lanes, stores: out + (c &+ 8) <= outputEnd ? 8 : lanes)
          }
          out += depth
        }
      }
    }
  }
}
