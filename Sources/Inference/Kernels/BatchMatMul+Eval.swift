extension BatchMatMulPlan {
  /// Through the GEMM when the rhs was packed (`rhs` nil: a tile's lhs rows are gathered, transposed when
  /// adj_x), else the plain kernel on the run-time `rhs`.
  @_optimize(speed)
  func eval(
    lhs: UnsafePointer<Int8>, rhs: UnsafePointer<Int8>?, output: UnsafeMutablePointer<Int8>,
    scratch: UnsafeMutableRawPointer, threads: KernelThreads = .serial
  ) {
    if let rhs { return evalReference(lhs: lhs, rhs: rhs, output: output) }
    for (b, lhsOffset) in lhsOffsets.enumerated() {
      let weights = packed[rhsBatches[b]]
      let matrix = lhs + lhsOffset
      let matrixEnd = matrix + rows * depth
      weights.gemm(
        pixels: rows, output: output + b * rows * columns, outputStride: columns, scratch: scratch, threads: threads
      ) { first, count, destination in
        for p in 0..<count {
          let row = destination + p * weights.paddedDepth
          if adjointX {
            for k in 0..<depth { row[k] = PackedGEMMWeights.kernelInput(matrix[k * rows + first + p]) }
          } else {
            PackedGEMMWeights.copyInputs(
              matrix + (first + p) * depth, count: depth, readableEnd: matrixEnd, to: row)
          }
        }
      }
    }
  }

  /// The plain kernel: one int32 dot product per output, as the reference computes it.
  @_optimize(speed)
  func evalReference(lhs: UnsafePointer<Int8>, rhs: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    var out = output
    for (lhsOffset, rhsOffset) in zip(lhsOffsets, rhsOffsets) {
      let l = lhs + lhsOffset
      let r = rhs + rhsOffset
      let lhsRowStep = adjointX ? 1 : depth
      let lhsDepthStep = adjointX ? rows : 1
      let rhsColumnStep = adjointY ? depth : 1
      let rhsDepthStep = adjointY ? 1 : columns
      for i in 0..<rows {
        for j in 0..<columns {
          var sum: Int32 = 0
          for k in 0..<depth {
            let a = Int32(l[i * lhsRowStep + k * lhsDepthStep]) &- lhsZeroPoint
            let b = Int32(r[j * rhsColumnStep + k * rhsDepthStep]) &- rhsZeroPoint
            sum &+= a &* b
          }
          out[j] = stage.requantize(sum, channel: 0)
        }
        out += columns
      }
    }
  }
}
