extension Conv2DPlan {
  /// Each window row is one run of at most 16 bytes: an image's first convolution (3×3 on 3 channels: 9).
  var hasShortWindowRows: Bool {
    !isPointwise && geometry.dilationWidth == 1 && geometry.filterWidth * geometry.inputChannels <= 16
  }

  /// The im2col GEMM over a range of output rows, its fill going row by row (one division per fill) so that it
  /// copies the windows wholly inside the input as a run of pixels: per window row one 16-byte load and one
  /// 16-element store (a 3×3 window on 3 channels: its three 9-byte rows joined in registers,
  /// `copyWindow3x9`), the source advancing by the stride. Windows reaching outside the input take `copyWindow`.
  /// Tiles span rows: with tiles inside rows, a row of 6 pixels ended on a 2-pixel short tile, which costs
  /// nearly a full tile (a72: dilated_conv_batch_none 0.096 → 0.065 M instructions per invoke).
  @_optimize(speed)
  func evalShortWindowRows(
    input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer,
    threads: KernelThreads
  ) {
    typealias Weights = PackedGEMMWeights
    let g = geometry
    let channels = g.inputChannels
    let imageBytes = g.inputHeight &* g.inputWidth &* channels
    let inputEnd = input + g.batches &* imageBytes
    let rowBytes = g.filterWidth &* channels
    let windowRowStep = g.dilationHeight &* g.inputWidth &* channels
    let windowHeight = (g.filterHeight &- 1) &* g.dilationHeight &+ 1
    let lastRowOffset = (g.filterHeight &- 1) &* windowRowStep
    let pixelStep = g.strideWidth &* channels
    let joinsRows = rowBytes == 9 && g.filterHeight == 3
    let stride = packed.paddedDepth
    // Output columns whose window lies inside the input across: xOrigin >= 0 and xOrigin + filterWidth <= inputWidth.
    let insideStart = min((g.padLeft &+ g.strideWidth &- 1) / g.strideWidth, g.outputWidth)
    let span = g.inputWidth &- g.filterWidth &+ g.padLeft
    let insideEnd = span < 0 ? insideStart : max(insideStart, min(g.outputWidth, span / g.strideWidth &+ 1))
    let rows = g.batches &* g.outputHeight
    let rowMACs = g.outputWidth &* packed.depth &* packed.rows
    threads.split(rows, macsPerUnit: rowMACs, scratch: scratch) { range, scratch in
      /// Fills the kernel inputs of output pixels `ox..<ox + count` of output row `row` (across batches).
      @inline(__always)
      @_optimize(speed)
      func fillRow(_ row: Int, from start: Int, count: Int, to destination: UnsafeMutablePointer<Weights.KernelInput>) {
        let (b, oy) = row.quotientAndRemainder(dividingBy: g.outputHeight)
        let image = input + b &* imageBytes
        let yOrigin = oy &* g.strideHeight &- g.padTop
        let rowSource = image + (yOrigin &* g.inputWidth &- g.padLeft) &* channels
        // Columns copied as runs: inside the input, and 16 bytes readable from the window's last row.
        var runEnd = insideStart
        if yOrigin >= 0 && yOrigin &+ windowHeight <= g.inputHeight {
          let readable = inputEnd - (rowSource + lastRowOffset) &- 16
          runEnd = readable < 0 ? insideStart : max(insideStart, min(insideEnd, readable / pixelStep &+ 1))
        }
        var ox = start
        var column = destination
        let end = start &+ count
        while ox < end {
          if ox >= insideStart && ox < runEnd {
            let last = min(end, runEnd)
            var source = rowSource + ox &* pixelStep
            while ox < last {
              if joinsRows {
                Weights.copyWindow3x9(source, rowStep: windowRowStep, to: column)
              } else {
                var k = 0
                for fy in 0..<g.filterHeight {
                  UnsafeMutableRawPointer(column + k).storeBytes(
                    of: Weights.kernelInputs(
                      UnsafeRawPointer(source + fy &* windowRowStep).loadUnaligned(as: SIMD16<Int8>.self)),
                    as: SIMD16<Weights.KernelInput>.self)
                  k &+= rowBytes
                }
              }
              source += pixelStep
              column += stride
              ox &+= 1
            }
          } else {
            copyWindow(
              image, yOrigin: yOrigin, xOrigin: ox &* g.strideWidth &- g.padLeft, readableEnd: inputEnd, to: column)
            column += stride
            ox &+= 1
          }
        }
      }
      packed.gemm(
        pixels: range.count &* g.outputWidth, blocks: 0..<packed.blockCount,
        output: output + range.lowerBound &* g.outputWidth &* g.outputChannels,
        outputStride: g.outputChannels, scratch: scratch
      ) { first, count, destination in
        var (row, ox) = first.quotientAndRemainder(dividingBy: g.outputWidth)
        var (column, remaining) = (destination, count)
        while remaining > 0 {
          let n = min(remaining, g.outputWidth &- ox)
          fillRow(range.lowerBound &+ row, from: ox, count: n, to: column)
          column += n &* stride
          remaining &-= n
          row &+= 1
          ox = 0
        }
      }
    }
  }
}
