extension FloatFullyConnectedPlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    weights.withUnsafeBufferPointer { w in
      for b in 0..<batches {
        let x = input + b * depth
        for unit in 0..<units {
          let row = w.baseAddress! + unit * depth
          var total: Float = 0
          for d in 0..<depth { total += x[d] * row[d] }
          output[b * units + unit] = range.clamp(total + bias[unit])
        }
      }
    }
  }
}

extension FloatBatchMatmulPlan {
  @_optimize(speed)
  func eval(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    var o = 0
    for batch in outputBatches {
      for i in 0..<rows {
        let xRow = x + batch.x + i * xRowStep
        for j in 0..<columns {
          let yColumn = y + batch.y + j * yColumnStep
          var total: Float = 0
          for k in 0..<depth { total += xRow[k * xDepthStep] * yColumn[k * yDepthStep] }
          output[o] = total
          o += 1
        }
      }
    }
  }
}
