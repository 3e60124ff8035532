extension DepthwiseConv2DPlan {
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    depthwiseConv2DReference(self, input: input, output: output)
  }
}
