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
  func eval(input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
    let total = outputShape.reduce(1, *)
    if elementBytes == 1 {
      output.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: padValue), count: total)
    } else {
      output.initializeMemory(as: UInt32.self, repeating: padValue, count: total / 4)
    }
    let s = inputShape
    let row = s[5]
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
              (output + o).copyMemory(from: input + i, byteCount: row)
              i += row
            }
          }
        }
      }
    }
  }
}
