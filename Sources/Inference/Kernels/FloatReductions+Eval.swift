extension FloatMeanPlan {
  /// Each output sums its elements from 0 in input order, then divides by their count. Eight outputs at a time,
  /// each in its own lane or accumulator, so that every output's additions are the reference's, in its order,
  /// while eight sums advance together. Eight outputs whose elements are adjacent (a mean over an NHWC image's
  /// pixels) load theirs as one vector.
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let divisor = FloatVector(repeating: self.divisor)
    geometry.outputBases.withUnsafeBufferPointer { bases in
      geometry.reducedOffsets.withUnsafeBufferPointer { offsets in
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 8) { staging in
          let sums = staging.baseAddress!
          @_optimize(speed)
          @inline(__always) func step(_ o: Int, _ n: Int) {
            let first = bases[o]
            var sum = FloatVector()
            if n == 8, (1..<8).allSatisfy({ bases[o + $0] == first + $0 }) {
              for offset in offsets { sum += FloatVector(lanes: input + first + offset, count: 8) }
            } else {
              sums.update(repeating: 0, count: 8)
              for offset in offsets {
                for lane in 0..<n { sums[lane] += input[bases[o + lane] + offset] }
              }
              sum = FloatVector(lanes: sums, count: 8)
            }
            (sum / divisor).storeLanes(to: output + o, count: n)
          }
          forEachVector(count: bases.count, step)
        }
      }
    }
  }
}

extension FloatSoftmaxPlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    for row in 0..<rows {
      let x = input + row * depth
      let y = output + row * depth
      var maximum = -Float.greatestFiniteMagnitude
      for c in 0..<depth where maximum < x[c] { maximum = x[c] }
      var sum: Float = 0
      for c in 0..<depth {
        y[c] = floatExp((x[c] - maximum) * beta)
        sum += y[c]
      }
      for c in 0..<depth { y[c] = y[c] / sum }
    }
  }
}
