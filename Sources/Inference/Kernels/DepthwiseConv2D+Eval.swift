extension DepthwiseConv2DPlan {
  /// The vector kernel splits its output rows across `threads`; the reference kernel runs on the caller.
  func eval(
    input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer,
    threads: KernelThreads = .serial
  ) {
    if let packed {
      let g = geometry
      threads.split(
        g.batches * g.outputHeight, macsPerUnit: g.outputWidth * g.outputChannels * packed.taps, scratch: scratch
      ) { lines, scratch in
        evalC16(packed, lines: lines, input: input, output: output, scratch: scratch)
      }
    } else {
      depthwiseConv2DReference(self, input: input, output: output)
    }
  }
}
