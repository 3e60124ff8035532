extension DepthwiseConv2DPlan {
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer) {
    if let packed {
      evalC16(packed, input: input, output: output, scratch: scratch)
    } else {
      depthwiseConv2DReference(self, input: input, output: output)
    }
  }
}
