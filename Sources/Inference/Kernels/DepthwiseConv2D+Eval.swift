extension DepthwiseConv2DPlan {
  /// Bytes of scratch: one input pointer per tap, and with a depth multiplier > 1 the expanded input after them.
  var scratchBytes: Int {
    guard depthMultiplier > 1 else { return tapPointerBytes }
    let g = expandedGeometry
    return ArenaPlanner.align(tapPointerBytes) + g.batches * g.inputHeight * g.inputWidth * g.inputChannels
  }

  /// The scratch `evalC16` keeps its tap pointers in.
  private var tapPointerBytes: Int {
    geometry.filterHeight * geometry.filterWidth * MemoryLayout<UnsafePointer<Int8>>.stride
  }

  /// A depth multiplier m > 1 first writes each input channel m times into scratch (output channel c reads
  /// input channel c / m), so the vector kernel runs as with m = 1: one pass over the input instead of a
  /// scalar kernel. The vector kernel splits its output rows across `threads`; all of them read the expanded
  /// input from the calling thread's scratch, each keeps its tap pointers in its own.
  @_optimize(speed)
  func eval(
    input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer,
    threads: KernelThreads = .serial
  ) {
    var source = input
    if depthMultiplier > 1 {
      let g = geometry
      let expanded = (scratch + ArenaPlanner.align(tapPointerBytes)).bindMemory(
        to: Int8.self, capacity: g.batches * g.inputHeight * g.inputWidth * expandedGeometry.inputChannels)
      var o = 0
      for i in 0..<(g.batches * g.inputHeight * g.inputWidth * g.inputChannels) {
        for _ in 0..<depthMultiplier {
          expanded[o] = input[i]
          o += 1
        }
      }
      source = UnsafePointer(expanded)
    }
    let g = expandedGeometry
    threads.split(
      g.batches * g.outputHeight, macsPerUnit: g.outputWidth * g.outputChannels * packed.taps, scratch: scratch
    ) { lines, scratch in
      evalC16(packed, geometry: g, lines: lines, input: source, output: output, scratch: scratch)
    }
  }
}
