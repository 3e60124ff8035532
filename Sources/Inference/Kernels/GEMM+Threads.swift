extension PackedGEMMWeights {
  /// `gemm` over all row blocks, split across `threads`: by 4-pixel tiles when there are at least as many
  /// tiles as row blocks (early convolutions: many pixels), else by row blocks (late ones and FULLY_CONNECTED:
  /// few pixels, many channels; each task then converts the inputs again, which costs 1/16 of a block's work).
  @_optimize(speed)
  func gemm(
    pixels: Int, output: UnsafeMutablePointer<Int8>, outputStride: Int, scratch: UnsafeMutableRawPointer,
    threads: KernelThreads, inPlace: UnsafeRawPointer? = nil,
    fill: (Int, Int, UnsafeMutablePointer<KernelInput>) -> Void
  ) {
    let tiles = (pixels + Self.tilePixels - 1) / Self.tilePixels
    let blocks = blockCount
    if tiles >= blocks {
      threads.split(tiles, macsPerUnit: Self.tilePixels * depth * rows, scratch: scratch) { range, scratch in
        let first = range.lowerBound * Self.tilePixels
        let count = min(range.upperBound * Self.tilePixels, pixels) - first
        gemm(
          pixels: count, blocks: 0..<blocks, output: output + first * outputStride, outputStride: outputStride,
          scratch: scratch, inPlace: inPlace.map { $0 + first * paddedDepth }
        ) { p, count, destination in fill(first + p, count, destination) }
      }
    } else {
      threads.split(blocks, macsPerUnit: pixels * depth * Self.blockRows, scratch: scratch) { range, scratch in
        gemm(
          pixels: pixels, blocks: range, output: output, outputStride: outputStride, scratch: scratch, inPlace: inPlace,
          fill: fill)
      }
    }
  }
}
