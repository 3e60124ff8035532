extension ElementwisePlan {
  /// One element, as the reference computes it: what the vector kernel (`eval`) is checked against.
  @_optimize(speed)
  func combine(_ a: Int8, _ b: Int8) -> Int8 {
    if kind == .maximum { return max(a, b) }
    if kind == .minimum { return min(a, b) }
    let x = Int32(a) &+ input1Offset
    let y = Int32(b) &+ input2Offset
    let raw: Int32
    switch kind {
    case .add, .sub:
      let scaledX = input1Multiplier.apply(x &<< Self.leftShift)
      let scaledY = input2Multiplier.apply(y &<< Self.leftShift)
      raw = outputMultiplier.apply(kind == .add ? scaledX &+ scaledY : scaledX &- scaledY) &+ outputOffset
    case .mul:
      raw = outputMultiplier.apply(x &* y) &+ outputOffset
    case .squaredDifference:
      let difference =
        input1Multiplier.apply(x &<< Self.squaredDifferenceLeftShift)
        &- input2Multiplier.apply(y &<< Self.squaredDifferenceLeftShift)
      raw = outputMultiplier.apply(difference &* difference) &+ outputOffset
    case .maximum, .minimum: return a
    }
    return Int8(truncatingIfNeeded: min(max(raw, minimum), maximum))
  }

  /// Same-shape inputs run 16 elements at a time, the last ones as one more vector. Broadcast inputs are
  /// walked row by row (a row: the last output dimension). Rows of 16 or more run 16 elements at a time from
  /// each input's row (contiguous, or one element repeated where the input broadcasts along the row); shorter
  /// rows are gathered 16 elements at a time into vectors for the same vector arithmetic.
  @_optimize(speed)
  func eval(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    let vector = VectorElementwise(self)
    guard broadcast.broadcasts else {
      combineRow(a, 1, b, 1, output, count: broadcast.count, vector)
      return
    }
    let (row, strides1, strides2) = (broadcast.shape[5], broadcast.strides1, broadcast.strides2)
    if row >= 16 {
      broadcast.forEachRow { baseA, baseB, o in
        combineRow(a + baseA, strides1[5], b + baseB, strides2[5], output + o, count: row, vector)
      }
      return
    }
    // Staged in memory, not by lane inserts into SIMD values: LLVM spills and reloads the whole vector per insert.
    withUnsafeTemporaryAllocation(of: Int8.self, capacity: 32) { staging in
      staging.initialize(repeating: 0)
      let x = staging.baseAddress!
      let y = x + 16
      @_optimize(speed)
      @inline(__always) func flush(_ o: Int, _ count: Int) {
        vector.combineStaged(kind, x, count: count, to: output + o)
      }
      var lane = 0
      var o = 0
      broadcast.forEachRow { baseA, baseB, _ in
        for i5 in 0..<row {
          x[lane] = a[baseA + i5 * strides1[5]]
          y[lane] = b[baseB + i5 * strides2[5]]
          lane += 1
          if lane == 16 {
            flush(o, 16)
            o += 16
            lane = 0
          }
        }
      }
      if lane > 0 { flush(o, lane) }
    }
  }

  /// `count` outputs from a row of `a` and one of `b`, each read with element stride 1 or 0 (repeated).
  @inline(__always)
  @_optimize(speed)
  func combineRow(
    _ a: UnsafePointer<Int8>, _ strideA: Int, _ b: UnsafePointer<Int8>, _ strideB: Int,
    _ output: UnsafeMutablePointer<Int8>, count: Int, _ vector: VectorElementwise
  ) {
    @_optimize(speed)
    @inline(__always) func load(_ p: UnsafePointer<Int8>, _ stride: Int, _ i: Int) -> SIMD16<Int8> {
      stride == 0 ? SIMD16(repeating: p[0]) : UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Int8>.self)
    }
    let vectorized = count / 16 * 16
    /// The vector loop for one kind, which then folds into its arithmetic: tested per 16 elements, the kind and
    /// ADD's choice of sign cost ~20 instructions of ~120 (cortex-a76). Its index is its own: a variable it
    /// captured, the device build kept in a heap box (an allocation per call).
    @_optimize(speed)
    @inline(__always) func run(_ kind: Kind) {
      var i = 0
      while i < vectorized {
        let result = vector.combine(kind, load(a, strideA, i), load(b, strideB, i))
        UnsafeMutableRawPointer(output + i).storeBytes(of: result, as: SIMD16<Int8>.self)
        i += 16
      }
    }
    switch kind {
    case .add: run(.add)
    case .sub: run(.sub)
    case .mul: run(.mul)
    case .squaredDifference: run(.squaredDifference)
    case .maximum: run(.maximum)
    case .minimum: run(.minimum)
    }
    let i = vectorized
    guard i < count else { return }
    // The last elements (fewer than 16) as one more vector, read by partial loads: element by element, each took
    // ~80 instructions (cortex-a76; ADD broadcast along rows of 24: 2.95x LiteRT builtin's instructions).
    @_optimize(speed)
    @inline(__always) func last(_ p: UnsafePointer<Int8>, _ stride: Int) -> SIMD16<Int8> {
      stride == 0 ? SIMD16(repeating: p[0]) : SIMD16(lanes: p + i, count: count - i)
    }
    vector.combine(kind, last(a, strideA), last(b, strideB)).storeLanes(to: output + i, count: count - i)
  }
}

/// `ElementwisePlan.combine` on 16 elements at once, bit for bit, with the parameters broadcast once per call
/// of `eval`.
struct VectorElementwise {
  var m1, m2, mOut: UniformMultiplier
  var offset1, offset2: SIMD16<Int32>
  var clamp: OutputClamp

  @inline(__always)
  @_optimize(speed)
  init(_ plan: ElementwisePlan) {
    // The inputs' left shift before their multipliers (ADD and SUB's 20, SQUARED_DIFFERENCE's 7; MUL has no
    // input multipliers) joins the multipliers' own: the input multipliers are at most 1/2, so no shift exceeds 20.
    let shift = plan.kind == .squaredDifference ? ElementwisePlan.squaredDifferenceLeftShift : ElementwisePlan.leftShift
    m1 = UniformMultiplier(plan.input1Multiplier, preShift: shift)
    m2 = UniformMultiplier(plan.input2Multiplier, preShift: shift)
    mOut = UniformMultiplier(plan.outputMultiplier)
    offset1 = SIMD16(repeating: plan.input1Offset)
    offset2 = SIMD16(repeating: plan.input2Offset)
    clamp = OutputClamp(offset: plan.outputOffset, minimum: plan.minimum, maximum: plan.maximum)
  }

  @inline(__always)
  @_optimize(speed)
  func combine(_ kind: ElementwisePlan.Kind, _ a: SIMD16<Int8>, _ b: SIMD16<Int8>) -> SIMD16<Int8> {
    if kind == .maximum { return pointwiseMax(a, b) }
    if kind == .minimum { return pointwiseMin(a, b) }
    let x = widened(a) &+ offset1
    let y = widened(b) &+ offset2
    let raw: SIMD16<Int32>
    switch kind {
    case .add, .sub:
      let scaledX = m1.apply(x)
      let scaledY = m2.apply(y)
      raw = mOut.apply(kind == .add ? scaledX &+ scaledY : scaledX &- scaledY)
    case .mul:
      raw = mOut.apply(x &* y)
    case .squaredDifference:
      let difference = m1.apply(x) &- m2.apply(y)
      raw = mOut.apply(difference &* difference)
    case .maximum, .minimum: return a
    }
    return clamp.apply(raw)
  }

  /// `combine` of the 16 bytes staged at `x` with the 16 at `x + 16`, storing the first `count` results.
  @inline(__always)
  @_optimize(speed)
  func combineStaged(
    _ kind: ElementwisePlan.Kind, _ x: UnsafePointer<Int8>, count: Int, to output: UnsafeMutablePointer<Int8>
  ) {
    combine(
      kind, UnsafeRawPointer(x).loadUnaligned(as: SIMD16<Int8>.self),
      UnsafeRawPointer(x + 16).loadUnaligned(as: SIMD16<Int8>.self)
    ).storeLanes(to: output, count: count)
  }
}
