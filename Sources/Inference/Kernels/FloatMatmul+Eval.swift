extension FloatBatchMatmulPlan {
  /// Per output row, 8 columns at a time: each lane sums its products from 0 in k order, as the reference. With
  /// `adj_y`, a column's values are a row of y apart and each vector is gathered lane by lane.
  @_optimize(speed)
  func eval(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let (rows, columns, depth) = (rows, columns, depth)
    let (xRowStep, xDepthStep, yDepthStep, yColumnStep) = (xRowStep, xDepthStep, yDepthStep, yColumnStep)
    var out = output
    for batch in outputBatches {
      for i in 0..<rows {
        let xRow = x + (batch.x &+ i &* xRowStep)
        var j = 0
        while j < columns {
          let lanes = min(8, columns &- j)
          var (xk, yk) = (xRow, y + (batch.y &+ j &* yColumnStep))
          var total = FloatVector()
          for _ in 0..<depth {
            var column = FloatVector()
            if yColumnStep == 1 {
              column = FloatVector(lanes: yk, count: lanes)
            } else {
              for lane in 0..<lanes { column[lane] = yk[lane &* yColumnStep] }
            }
            total += FloatVector(repeating: xk.pointee) * column
            xk += xDepthStep
            yk += yDepthStep
          }
          total.storeLanes(to: out + j, count: lanes)
          j &+= 8
        }
        out += columns
      }
    }
  }
}
