extension DepthwiseConv2DPlan {
  /// Bytes of scratch: one input pointer per tap, and after them the prepared input when the kernel does not
  /// read the input as it is (a depth multiplier > 1, or `padsInput`).
  var scratchBytes: Int {
    guard depthMultiplier > 1 || padsInput else { return tapPointerBytes }
    let g = preparedGeometry
    return ArenaPlanner.align(tapPointerBytes) + g.batches * g.inputHeight * g.inputWidth * g.inputChannels
  }

  /// The scratch `evalC16` keeps its tap pointers in.
  private var tapPointerBytes: Int {
    geometry.filterHeight * geometry.filterWidth * MemoryLayout<UnsafePointer<Int8>>.stride
  }

  /// A depth multiplier m > 1 first writes each input channel m times into scratch (output channel c reads
  /// input channel c / m), so the vector kernel runs as with m = 1: one pass over the input instead of a
  /// scalar kernel; `padsInput` writes the padding around it. The vector kernel splits its output rows across
  /// `threads`; all of them read the prepared input from the calling thread's scratch, each keeps its tap
  /// pointers in its own.
  @_optimize(speed)
  func eval(
    input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer,
    threads: KernelThreads = .serial
  ) {
    let g = preparedGeometry
    var source = input
    if depthMultiplier > 1 || padsInput {
      let prepared = (scratch + ArenaPlanner.align(tapPointerBytes)).bindMemory(
        to: Int8.self, capacity: g.batches * g.inputHeight * g.inputWidth * g.inputChannels)
      prepareInput(input, into: prepared)
      source = UnsafePointer(prepared)
    }
    threads.split(
      g.batches * g.outputHeight, macsPerUnit: g.outputWidth * g.outputChannels * packed.taps, scratch: scratch
    ) { lines, scratch in
      evalC16(packed, geometry: g, lines: lines, input: source, output: output, scratch: scratch)
    }
  }

  /// Writes the input as `preparedGeometry` lays it out: each channel `depthMultiplier` times, and with
  /// `padsInput` the input zero point around it (the rows above and below, and the pixels left and right).
  @_optimize(speed)
  private func prepareInput(_ input: UnsafePointer<Int8>, into prepared: UnsafeMutablePointer<Int8>) {
    let (g, p) = (geometry, preparedGeometry)
    if padsInput {
      UnsafeMutableRawPointer(prepared).initializeMemory(
        as: Int8.self, repeating: Int8(truncatingIfNeeded: -inputOffset),
        count: p.batches * p.inputHeight * p.inputWidth * p.inputChannels)
    }
    let (rowBytes, preparedRowBytes) = (g.inputWidth * g.inputChannels, p.inputWidth * p.inputChannels)
    // The first input pixel's position in the prepared input: the padding before it.
    let start = padsInput ? (g.padTop * p.inputWidth + g.padLeft) * p.inputChannels : 0
    for row in 0..<(g.batches * g.inputHeight) {
      let (b, y) = row.quotientAndRemainder(dividingBy: g.inputHeight)
      let source = input + row * rowBytes
      let destination = prepared + start + (b * p.inputHeight + y) * preparedRowBytes
      guard depthMultiplier > 1 else {
        UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: rowBytes)
        continue
      }
      var o = 0
      for i in 0..<rowBytes {
        for _ in 0..<depthMultiplier {
          destination[o] = source[i]
          o += 1
        }
      }
    }
  }
}
