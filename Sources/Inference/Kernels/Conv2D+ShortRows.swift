extension Conv2DPlan {
  /// Each window row is one run of at most 16 bytes: an image's first convolution (3×3 on 3 channels: 9).
  var hasShortWindowRows: Bool {
    !isPointwise && geometry.dilationWidth == 1 && geometry.filterWidth * geometry.inputChannels <= 16
  }

  /// The im2col GEMM one output row at a time, so that the fill knows the row's window position without
  /// dividing and copies the windows wholly inside the input as a run of pixels: per window row one 16-byte
  /// load and one 16-element store (a 3×3 window on 3 channels: its three 9-byte rows joined in registers,
  /// `copyWindow3x9`), the source advancing by the stride. Windows reaching outside the input take `copyWindow`.
  /// Tiles stay within a row: a row of `outputWidth` pixels ends on a short tile unless it is a multiple of 4.
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
      for row in range {
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
        packed.gemm(
          pixels: g.outputWidth, blocks: 0..<packed.blockCount,
          output: output + row &* g.outputWidth &* g.outputChannels,
          outputStride: g.outputChannels, scratch: scratch
        ) { first, count, destination in
          var ox = first
          var column = destination
          let end = first &+ count
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
      }
    }
  }
}
