extension BatchMatMulPlan {
  /// Through the GEMM when the rhs was packed (`rhs` nil: a tile's lhs rows are gathered, transposed when
  /// adj_x), else `evalActivations` on the run-time `rhs`.
  @_optimize(speed)
  func eval(
    lhs: UnsafePointer<Int8>, rhs: UnsafePointer<Int8>?, output: UnsafeMutablePointer<Int8>,
    scratch: UnsafeMutableRawPointer, threads: KernelThreads = .serial
  ) {
    if let rhs { return evalActivations(lhs: lhs, rhs: rhs, output: output, scratch: scratch) }
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

  /// Depth rounded up to whole 16-lane blocks: the row length of `evalActivations`' int16 operands.
  var paddedDepth: Int { (depth + 15) / 16 * 16 }

  /// Scratch of `evalActivations`: the rhs as `columns` int16 rows and one lhs row, each `paddedDepth` long,
  /// then one output row's int32 sums, padded to whole 16-column blocks.
  var activationScratchBytes: Int {
    (columns + 1) * paddedDepth * MemoryLayout<Int16>.stride + (columns + 15) / 16 * 16 * MemoryLayout<Int32>.stride
  }

  /// Both operands run-time activations (attention's Q×Kᵀ and scores×V): each rhs matrix is gathered once as
  /// `columns` contiguous int16 rows with its zero point subtracted, and each lhs row likewise, zero beyond the
  /// depth; an output is then 16 products at a time summed in pairs into int32 (`pairSums`: `vpmaddwd`), four
  /// columns per pass over the lhs row, and an output row is requantized 16 columns at a time
  /// (`RequantizationBlock`). The sums are the reference's exactly (integer sums in any order), so the output
  /// is `evalReference`'s.
  @_optimize(speed)
  func evalActivations(
    lhs: UnsafePointer<Int8>, rhs: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>,
    scratch: UnsafeMutableRawPointer
  ) {
    let stride = paddedDepth
    let rhsRows = scratch.bindMemory(to: Int16.self, capacity: (columns + 1) * stride)
    let lhsRow = rhsRows + columns * stride
    let sums = UnsafeMutableRawPointer(lhsRow + stride).bindMemory(to: Int32.self, capacity: columns + 15)
    let requantization = RequantizationBlock(uniformStage, channel: 0)
    let lhsRowStep = adjointX ? 1 : depth
    let lhsDepthStep = adjointX ? rows : 1
    let rhsColumnStep = adjointY ? depth : 1
    let rhsDepthStep = adjointY ? 1 : columns
    @_optimize(speed)
    @inline(__always) func block(_ row: UnsafePointer<Int16>, _ k: Int) -> SIMD16<Int32> {
      widened(UnsafeRawPointer(row + k).loadUnaligned(as: SIMD16<Int16>.self))
    }
    var out = output
    for (b, (lhsOffset, rhsOffset)) in zip(lhsOffsets, rhsOffsets).enumerated() {
      if b == 0 || rhsOffsets[b - 1] != rhsOffset {
        let r = rhs + rhsOffset
        for j in 0..<columns {
          let row = rhsRows + j * stride
          for k in 0..<depth { row[k] = Int16(r[j * rhsColumnStep + k * rhsDepthStep]) &- Int16(rhsZeroPoint) }
          (row + depth).update(repeating: 0, count: stride - depth)
        }
      }
      let l = lhs + lhsOffset
      for i in 0..<rows {
        for k in 0..<depth { lhsRow[k] = Int16(l[i * lhsRowStep + k * lhsDepthStep]) &- Int16(lhsZeroPoint) }
        (lhsRow + depth).update(repeating: 0, count: stride - depth)
        var j = 0
        while j + 4 <= columns {
          let row = rhsRows + j * stride
          var (s0, s1, s2, s3) = (SIMD8<Int32>(), SIMD8<Int32>(), SIMD8<Int32>(), SIMD8<Int32>())
          var k = 0
          while k < stride {
            let a = block(lhsRow, k)
            s0 &+= pairSums(a &* block(row, k))
            s1 &+= pairSums(a &* block(row + stride, k))
            s2 &+= pairSums(a &* block(row + 2 * stride, k))
            s3 &+= pairSums(a &* block(row + 3 * stride, k))
            k += 16
          }
          (sums[j], sums[j + 1], sums[j + 2], sums[j + 3]) =
            (s0.wrappedSum(), s1.wrappedSum(), s2.wrappedSum(), s3.wrappedSum())
          j += 4
        }
        while j < columns {
          let row = rhsRows + j * stride
          var s = SIMD8<Int32>()
          var k = 0
          while k < stride {
            s &+= pairSums(block(lhsRow, k) &* block(row, k))
            k += 16
          }
          sums[j] = s.wrappedSum()
          j += 1
        }
        j = 0
        while j < columns {
          let accumulators = UnsafeRawPointer(sums + j).loadUnaligned(as: SIMD16<Int32>.self)
          requantization.apply(accumulators).storeLanes(to: out + j, count: min(16, columns - j))
          j += 16
        }
        out += columns
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
