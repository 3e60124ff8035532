extension FloatPool2DPlan {
  /// Per output pixel, 8 channels at a time, each lane in the reference's order. One loop per kind, its
  /// window walked by pointer in wrapping arithmetic (the geometry was validated at load): testing the kind
  /// per input vector and checking each index's overflow took most of its instructions.
  @_optimize(speed)
  func eval(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    let (g, range) = (geometry, range)
    let channels = g.inputChannels
    let rowStep = g.inputWidth &* channels
    /// The pool whose window starts from `initial`, takes in each input vector with `step` and ends with
    /// `finish(result, pixels in the window)`.
    @inline(__always)
    @_optimize(speed)
    func pool(
      _ initial: Float, _ step: (FloatVector, FloatVector) -> FloatVector,
      _ finish: (FloatVector, FloatVector) -> FloatVector
    ) {
      var out = output
      for b in 0..<g.batches {
        let image = input + b * g.inputHeight * rowStep
        for oy in 0..<g.outputHeight {
          let yOrigin = oy &* g.strideHeight &- g.padTop
          let (yStart, yEnd) = (max(0, -yOrigin), min(g.filterHeight, g.inputHeight &- yOrigin))
          for ox in 0..<g.outputWidth {
            let xOrigin = ox &* g.strideWidth &- g.padLeft
            let (xStart, xEnd) = (max(0, -xOrigin), min(g.filterWidth, g.inputWidth &- xOrigin))
            let count = FloatVector(repeating: Float((yEnd &- yStart) &* (xEnd &- xStart)))
            let corner = image + ((yOrigin &+ yStart) &* g.inputWidth &+ xOrigin &+ xStart) &* channels
            var c = 0
            while c < channels {
              let lanes = min(8, channels &- c)
              var result = FloatVector(repeating: initial)
              var row = corner + c
              for _ in yStart..<yEnd {
                var p = row
                for _ in xStart..<xEnd {
                  let x =
                    lanes == 8
                    ? UnsafeRawPointer(p).loadUnaligned(as: FloatVector.self) : FloatVector(lanes: p, count: lanes)
                  result = step(result, x)
                  p += channels
                }
                row += rowStep
              }
              range.clamp(finish(result, count)).storeLanes(to: out + c, count: lanes)
              c &+= 8
            }
            out += channels
          }
        }
      }
    }
    @inline(__always)
    @_optimize(speed)
    func maximum(_ result: FloatVector, _ x: FloatVector) -> FloatVector { choose(result .< x, x, result) }
    @inline(__always)
    @_optimize(speed)
    func sum(_ result: FloatVector, _ x: FloatVector) -> FloatVector { result + x }
    @inline(__always)
    @_optimize(speed)
    func unchanged(_ result: FloatVector, _ count: FloatVector) -> FloatVector { result }
    @inline(__always)
    @_optimize(speed)
    func average(_ result: FloatVector, _ count: FloatVector) -> FloatVector { result / count }
    if kind == .max {
      pool(-.greatestFiniteMagnitude, maximum, unchanged)
    } else {
      pool(0, sum, average)
    }
  }
}
