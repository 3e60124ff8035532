extension ConcatenationPlan {
  @_optimize(speed)
  func eval(inputs: UnsafeBufferPointer<UnsafeRawPointer>, output: UnsafeMutableRawPointer) {
    var out = output
    for step in 0..<outer {
      for (i, run) in inner.enumerated() {
        out.copyMemory(from: inputs[i] + step * run, byteCount: run)
        out += run
      }
    }
  }
}

extension PadPlan {
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
    let total = outputShape.reduce(1, *)
    output.update(repeating: padValue, count: total)
    let s = inputShape
    var i = 0
    for i0 in 0..<s[0] {
      for i1 in 0..<s[1] {
        for i2 in 0..<s[2] {
          for i3 in 0..<s[3] {
            for i4 in 0..<s[4] {
              var o = i0 + before[0]
              o = o * outputShape[1] + i1 + before[1]
              o = o * outputShape[2] + i2 + before[2]
              o = o * outputShape[3] + i3 + before[3]
              o = o * outputShape[4] + i4 + before[4]
              o = o * outputShape[5] + before[5]
              (output + o).update(from: input + i, count: s[5])
              i += s[5]
            }
          }
        }
      }
    }
  }
}
