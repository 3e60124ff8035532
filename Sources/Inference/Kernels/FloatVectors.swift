/// The float32 kernels' vector: 8 lanes (one AVX register, two SSE or NEON registers). IEEE arithmetic on it is
/// the scalar arithmetic lane by lane (`+ - * /` and `squareRoot` correctly rounded, comparisons and selects
/// exact), so a kernel written once on vectors, with the reference's operations in its order, gives the
/// reference's results bit for bit.
typealias FloatVector = SIMD8<Float>

extension FloatVector {
  /// Lanes `0..<count` from `p` with element stride 1, or `p[0]` in every lane when `stride` is 0.
  @inline(__always)
  @_optimize(speed)
  init(_ p: UnsafePointer<Float>, stride: Int, count: Int) {
    if stride == 0 { self.init(repeating: p[0]) } else { self.init(lanes: p, count: count) }
  }
}

/// `condition ? whenTrue : otherwise` lane by lane, as the reference's ternaries and `std::max`/`std::min`.
@inline(__always)
@_optimize(speed)
func choose(_ condition: SIMDMask<SIMD8<Int32>>, _ whenTrue: FloatVector, _ otherwise: FloatVector) -> FloatVector {
  otherwise.replacing(with: whenTrue, where: condition)
}

/// Calls `body(i, n)` for the vectors of `count` elements: `n` is 8, then what is left for the last one.
@inline(__always)
@_optimize(speed)
func forEachVector(count: Int, _ body: (_ start: Int, _ lanes: Int) -> Void) {
  var i = 0
  while i &+ 8 <= count {
    body(i, 8)
    i &+= 8
  }
  if i < count { body(i, count &- i) }
}

/// `output[i] = body(a[i], b[i])` for `i < count`, with `a` or `b` one element repeated where its stride is 0
/// (stride 1 otherwise): a broadcast row. The loop is specialized per stride pair.
///
/// Callers pass `body` as a local `@inline(__always)` function: in the device build (`-Osize`, kernels
/// `@_optimize(speed)`), a closure expression is not inlined and costs a call per vector.
@inline(__always)
@_optimize(speed)
func combineFloats(
  _ a: UnsafePointer<Float>, _ strideA: Int, _ b: UnsafePointer<Float>, _ strideB: Int,
  _ output: UnsafeMutablePointer<Float>, count: Int, _ body: (FloatVector, FloatVector) -> FloatVector
) {
  @_optimize(speed)
  @inline(__always) func run(_ strideA: Int, _ strideB: Int) {
    @_optimize(speed)
    @inline(__always) func step(_ i: Int, _ n: Int) {
      let x = FloatVector(a + i * strideA, stride: strideA, count: n)
      let y = FloatVector(b + i * strideB, stride: strideB, count: n)
      body(x, y).storeLanes(to: output + i, count: n)
    }
    forEachVector(count: count, step)
  }
  switch (strideA, strideB) {
  case (0, 0): run(0, 0)
  case (0, _): run(0, 1)
  case (_, 0): run(1, 0)
  default: run(1, 1)
  }
}

/// `output[i] = body(input[i])` for `i < count`; `body` a local `@inline(__always)` function, as for
/// `combineFloats`.
@inline(__always)
@_optimize(speed)
func mapFloats(
  _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int,
  _ body: (FloatVector) -> FloatVector
) {
  @_optimize(speed)
  @inline(__always) func step(_ i: Int, _ n: Int) {
    body(FloatVector(input + i, stride: 1, count: n)).storeLanes(to: output + i, count: n)
  }
  forEachVector(count: count, step)
}

/// `count` copies of `value` at `destination`, 8 at a time, the rest one by one: for runs of a few vectors (a
/// window's padding), where `storeLanes`' partial last vector would call `copyPartialVector`.
@inline(__always)
@_optimize(speed)
func fillFloats(_ value: Float, count: Int, at destination: UnsafeMutablePointer<Float>) {
  var i = 0
  while i &+ 8 <= count {
    UnsafeMutableRawPointer(destination + i).storeBytes(of: FloatVector(repeating: value), as: FloatVector.self)
    i &+= 8
  }
  while i < count {
    destination[i] = value
    i &+= 1
  }
}

/// The `count` floats at `source` copied to `destination`, 8 at a time, the rest one by one: `mapFloats` with
/// the identity, but with no `copyPartialVector` call for a last partial vector (a window row of a few floats).
@inline(__always)
@_optimize(speed)
func copyFloats(_ source: UnsafePointer<Float>, count: Int, to destination: UnsafeMutablePointer<Float>) {
  var i = 0
  while i &+ 8 <= count {
    UnsafeMutableRawPointer(destination + i).storeBytes(
      of: UnsafeRawPointer(source + i).loadUnaligned(as: FloatVector.self), as: FloatVector.self)
    i &+= 8
  }
  while i < count {
    destination[i] = source[i]
    i &+= 1
  }
}

extension FloatRange {
  /// `clamp` lane by lane.
  @inline(__always)
  @_optimize(speed)
  func clamp(_ x: FloatVector) -> FloatVector {
    let low = choose(x .< lower, FloatVector(repeating: lower), x)
    return choose(upper .< low, FloatVector(repeating: upper), low)
  }
}
