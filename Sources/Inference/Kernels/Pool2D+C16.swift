/// MAX_POOL_2D and AVERAGE_POOL_2D vectorized over 16 channels (NHWC keeps a pixel's channels contiguous),
/// bit-exact with `pool2DReference`.
///
/// A maximum is a running `SIMD16<Int8>` max; an average a widened `SIMD16<Int32>` sum, divided per lane by
/// a multiply and a shift (`roundedQuotient`), exact for windows of at most 255 pixels (`usesVectorAverage`).
/// A last block of fewer than 16 channels loads whole vectors where 16 bytes stay inside the input, else
/// copies its lanes; the average stores only its lanes, the maximum a whole vector where the output's next pixel
/// rewrites the rest (`evalMax`).
extension Pool2DPlan {
  static let lanes = 16

  /// Windows small enough for `roundedQuotient` to be exact.
  var usesVectorAverage: Bool { geometry.filterHeight * geometry.filterWidth <= 255 }

  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    if kind == .max { return evalMax(input: input, output: output) }
    guard usesVectorAverage else { return pool2DReference(self, input: input, output: output) }
    let g = geometry
    let channels = g.inputChannels
    let inputEnd = input + g.batches * g.inputHeight * g.inputWidth * channels
    let low = SIMD16<Int32>(repeating: minimum)
    let high = SIMD16<Int32>(repeating: maximum)
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        let yOrigin = oy * g.strideHeight - g.padTop
        let yStart = max(0, -yOrigin)
        let yEnd = min(g.filterHeight, g.inputHeight - yOrigin)
        for ox in 0..<g.outputWidth {
          let xOrigin = ox * g.strideWidth - g.padLeft
          let xStart = max(0, -xOrigin)
          let xEnd = min(g.filterWidth, g.inputWidth - xOrigin)
          let origin = input + ((b * g.inputHeight + yOrigin) * g.inputWidth + xOrigin) * channels
          let out = output + ((b * g.outputHeight + oy) * g.outputWidth + ox) * channels
          var c = 0
          while c < channels {
            let count = min(Self.lanes, channels - c)
            // The window's last pixel has the highest address.
            let whole = origin + ((yEnd - 1) * g.inputWidth + xEnd - 1) * channels + c + Self.lanes <= inputEnd
            var acc = SIMD16<Int32>()
            for fy in yStart..<yEnd {
              for fx in xStart..<xEnd {
                let p = UnsafeRawPointer(origin + (fy * g.inputWidth + fx) * channels + c)
                acc &+= widened(
                  whole ? p.loadUnaligned(as: SIMD16<Int8>.self) : SIMD16<Int8>(lanes: p, count: count))
              }
            }
            let result = roundedQuotient(acc, Int32((yEnd - yStart) * (xEnd - xStart)))
            truncated(clamped(result, low, high)).storeLanes(to: out + c, count: count)
            c += count
          }
        }
      }
    }
  }
}

extension Pool2DPlan {
  /// MAX_POOL_2D: the maximum is clamped to the activation range in int8 (an int8 output's range), and the
  /// window is walked by pointer, its bounds cut to the input once per output pixel. Output rows go in order,
  /// each in one call with whole-vector loads and stores, a last block of fewer than 16 channels included (the
  /// next pixel rewrites the lanes after its channels), until the first row whose last pixel would read past
  /// the input or write past the output; from it on, pixel by pixel, such blocks load and store their lanes
  /// only.
  @_optimize(speed)
  func evalMax(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    let g = geometry
    let channels = g.inputChannels
    let rowBytes = g.inputWidth * channels
    let inputEnd = input + g.batches * g.inputHeight * rowBytes
    let outputEnd = output + g.batches * g.outputHeight * g.outputWidth * channels
    // Bytes from a pixel's first channel to the end of its last block's vector.
    let blockEnd = (channels &+ Self.lanes &- 1) / Self.lanes &* Self.lanes
    // The last output column's window ends at input column `lastColumn`.
    let lastColumn = min(g.inputWidth, (g.outputWidth &- 1) &* g.strideWidth &- g.padLeft &+ g.filterWidth) &- 1
    var done = 0
    var out = output
    wholeRows: for b in 0..<g.batches {
      let image = input + b * g.inputHeight * rowBytes
      for oy in 0..<g.outputHeight {
        let yOrigin = oy &* g.strideHeight &- g.padTop
        let (yStart, yEnd) = (max(0, yOrigin), min(g.inputHeight, yOrigin &+ g.filterHeight))
        let last = image + ((yEnd &- 1) &* rowBytes &+ lastColumn &* channels)
        let rowOut = out + (g.outputWidth &- 1) &* channels
        guard last + blockEnd <= inputEnd && rowOut + blockEnd <= outputEnd else { break wholeRows }
        maximumRow(top: image + yStart &* rowBytes, rows: yEnd &- yStart, to: out)
        out += g.outputWidth &* channels
        done &+= g.outputWidth
      }
    }
    @inline(never)
    @_optimize(speed)
    func pixelByPixel(_: Int, _ b: Int, _ oy: Int, _ ox: Int) {
      maximumPixel(b, oy, ox, input: input, to: out, inputEnd: inputEnd, outputEnd: outputEnd)
      out += channels
    }
    g.forEachOutputPixel(from: done, count: g.batches * g.outputHeight * g.outputWidth - done, pixelByPixel)
  }

  /// The activation range as int8 lanes, for `clamped`.
  @inline(__always)
  @_optimize(speed)
  private var clampBounds: (SIMD16<Int8>, SIMD16<Int8>) {
    (SIMD16<Int8>(repeating: Int8(clamping: minimum)), SIMD16<Int8>(repeating: Int8(clamping: maximum)))
  }

  /// The output row whose windows span the `rows` input rows from `top`, written at `output`, every block
  /// loaded and stored whole. A function of its own: inlined in `evalMax`, its values spilled to the stack.
  @inline(never)
  @_optimize(speed)
  private func maximumRow(top: UnsafePointer<Int8>, rows: Int, to output: UnsafeMutablePointer<Int8>) {
    let g = geometry
    let channels = g.inputChannels
    let (low, high) = clampBounds
    var out = output
    var xOrigin = -g.padLeft
    for _ in 0..<g.outputWidth {
      let (xStart, xEnd) = (max(0, xOrigin), min(g.inputWidth, xOrigin &+ g.filterWidth))
      let corner = top + xStart &* channels
      var c = 0
      while c < channels {
        let m = windowMaximum(corner + c, rows: rows, columns: xEnd &- xStart, wholeVector)
        UnsafeMutableRawPointer(out + c).storeBytes(of: clamped(m, low, high), as: SIMD16<Int8>.self)
        c &+= Self.lanes
      }
      out += channels
      xOrigin &+= g.strideWidth
    }
  }

  /// Output pixel `(b, oy, ox)` written at `out`: a last block of fewer than 16 channels loads whole vectors
  /// unless the window's last pixel would read past `inputEnd` (then its lanes only), and stores a whole vector
  /// unless it would write past `outputEnd`.
  @inline(__always)
  @_optimize(speed)
  private func maximumPixel(
    _ b: Int, _ oy: Int, _ ox: Int, input: UnsafePointer<Int8>, to out: UnsafeMutablePointer<Int8>,
    inputEnd: UnsafePointer<Int8>, outputEnd: UnsafeMutablePointer<Int8>
  ) {
    let g = geometry
    let channels = g.inputChannels
    let rowBytes = g.inputWidth * channels
    let (low, high) = clampBounds
    let image = input + b &* g.inputHeight &* rowBytes
    let yOrigin = oy &* g.strideHeight &- g.padTop
    let (yStart, yEnd) = (max(0, yOrigin), min(g.inputHeight, yOrigin &+ g.filterHeight))
    let xOrigin = ox &* g.strideWidth &- g.padLeft
    let (xStart, xEnd) = (max(0, xOrigin), min(g.inputWidth, xOrigin &+ g.filterWidth))
    let corner = image + (yStart &* rowBytes &+ xStart &* channels)
    let last = image + ((yEnd &- 1) &* rowBytes &+ (xEnd &- 1) &* channels)
    let (rows, columns) = (yEnd &- yStart, xEnd &- xStart)
    var c = 0
    while c < channels {
      let count = min(Self.lanes, channels &- c)
      @inline(__always)
      @_optimize(speed)
      func part(_ p: UnsafePointer<Int8>) -> SIMD16<Int8> { SIMD16<Int8>(lanes: p, count: count) }
      let m =
        last + c + Self.lanes <= inputEnd
        ? windowMaximum(corner + c, rows: rows, columns: columns, wholeVector)
        : windowMaximum(corner + c, rows: rows, columns: columns, part)
      clamped(m, low, high).storeLanes(to: out + c, count: out + c + Self.lanes <= outputEnd ? Self.lanes : count)
      c &+= Self.lanes
    }
  }

  /// The maximum over the window of `rows` by `columns` pixels from `corner` of what `load` reads. Rows of 2
  /// and 3 pixels (2×2 and 3×3 pools) take straight-line code: a loop of at most a few trips cost its unrolled
  /// form's set-up on every row.
  @inline(__always)
  @_optimize(speed)
  private func windowMaximum(
    _ corner: UnsafePointer<Int8>, rows: Int, columns: Int, _ load: (UnsafePointer<Int8>) -> SIMD16<Int8>
  ) -> SIMD16<Int8> {
    let channels = geometry.inputChannels
    let rowBytes = geometry.inputWidth &* channels
    var acc = SIMD16<Int8>(repeating: -128)
    var row = corner
    for _ in 0..<rows {
      switch columns {
      case 2: acc = pointwiseMaximum(acc, pointwiseMaximum(load(row), load(row + channels)))
      case 3:
        acc = pointwiseMaximum(
          acc, pointwiseMaximum(load(row), pointwiseMaximum(load(row + channels), load(row + 2 &* channels))))
      default:
        var p = row
        for _ in 0..<columns {
          acc = pointwiseMaximum(acc, load(p))
          p += channels
        }
      }
      row += rowBytes
    }
    return acc
  }
}

/// A whole vector's load at `p`.
@inline(__always)
@_optimize(speed)
private func wholeVector(_ p: UnsafePointer<Int8>) -> SIMD16<Int8> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Int8>.self)
}

/// `max(a, b)` per lane; a per-lane loop so it inlines to one `vpmaxsb` / `smax`.
@inline(__always)
@_optimize(speed)
func pointwiseMaximum(_ a: SIMD16<Int8>, _ b: SIMD16<Int8>) -> SIMD16<Int8> {
  var r = SIMD16<Int8>()
  for i in 0..<16 { r[i] = max(a[i], b[i]) }
  return r
}

/// `(sum ± count/2) / count` per lane with C's truncating division (half away from zero), for
/// 1 <= count <= 255 and |sum| <= 128 * count, so the nudged dividend n has |n| < 2^15.
///
/// With l = ceil(log2 count) and m = ceil(2^(15+l) / count) <= 2^16, `(|n| * m) >> (15 + l)` is
/// floor(|n| / count) for every |n| < 2^15 (Granlund and Montgomery: m * count - 2^(15+l) < count <= 2^l), and
/// |n| * m < 2^31 stays in int32: one `vpmulld` / `mul` instead of 16 divisions.
@inline(__always)
@_optimize(speed)
func roundedQuotient(_ sum: SIMD16<Int32>, _ count: Int32) -> SIMD16<Int32> {
  let l = Int32(32 - (count - 1).leadingZeroBitCount)
  let shift = 15 + l
  let m = ((1 &<< shift) + count - 1) / count
  // Signs by arithmetic shift rather than comparison masks, which LLVM builds lane by lane through memory.
  let sign = sum &>> 31
  let magnitude = ((sum ^ sign) &- sign) &+ count / 2
  let quotient = (magnitude &* m) &>> shift
  return (quotient ^ sign) &- sign
}
