/// Scalar reference kernels for CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED, written as TFLite's
/// `reference_integer_ops` are: taps outside the input are skipped, the input offset is added to every
/// input value, and the output is requantized per channel. The fast kernels are tested against these.

@_optimize(speed)
func conv2DReference(_ plan: Conv2DPlan, input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>) {
  let g = plan.geometry
  plan.weights.withUnsafeBufferPointer { weights in
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          let yOrigin = oy * g.strideHeight - g.padTop
          let xOrigin = ox * g.strideWidth - g.padLeft
          for oc in 0..<g.outputChannels {
            var acc: Int32 = 0
            for fy in 0..<g.filterHeight {
              let y = yOrigin + fy * g.dilationHeight
              guard y >= 0, y < g.inputHeight else { continue }
              for fx in 0..<g.filterWidth {
                let x = xOrigin + fx * g.dilationWidth
                guard x >= 0, x < g.inputWidth else { continue }
                let inputBase = ((b * g.inputHeight + y) * g.inputWidth + x) * g.inputChannels
                let filterBase = ((oc * g.filterHeight + fy) * g.filterWidth + fx) * g.inputChannels
                for ic in 0..<g.inputChannels {
                  acc &+=
                    Int32(Int8(bitPattern: weights[filterBase + ic]))
                    &* (Int32(input[inputBase + ic]) &+ plan.inputOffset)
                }
              }
            }
            let o = ((b * g.outputHeight + oy) * g.outputWidth + ox) * g.outputChannels + oc
            output[o] = plan.stage.requantize(acc &+ plan.stage.bias[oc], channel: oc)
          }
        }
      }
    }
  }
}

@_optimize(speed)
func depthwiseConv2DReference(
  _ plan: DepthwiseConv2DPlan, input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>
) {
  let g = plan.geometry
  plan.weights.withUnsafeBufferPointer { weights in
    for b in 0..<g.batches {
      for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
          let yOrigin = oy * g.strideHeight - g.padTop
          let xOrigin = ox * g.strideWidth - g.padLeft
          for ic in 0..<g.inputChannels {
            for m in 0..<plan.depthMultiplier {
              let oc = ic * plan.depthMultiplier + m
              var acc: Int32 = 0
              for fy in 0..<g.filterHeight {
                let y = yOrigin + fy * g.dilationHeight
                guard y >= 0, y < g.inputHeight else { continue }
                for fx in 0..<g.filterWidth {
                  let x = xOrigin + fx * g.dilationWidth
                  guard x >= 0, x < g.inputWidth else { continue }
                  let value = Int32(input[((b * g.inputHeight + y) * g.inputWidth + x) * g.inputChannels + ic])
                  let weight = Int32(Int8(bitPattern: weights[(fy * g.filterWidth + fx) * g.outputChannels + oc]))
                  acc &+= weight &* (value &+ plan.inputOffset)
                }
              }
              let o = ((b * g.outputHeight + oy) * g.outputWidth + ox) * g.outputChannels + oc
              output[o] = plan.stage.requantize(acc &+ plan.stage.bias[oc], channel: oc)
            }
          }
        }
      }
    }
  }
}

@_optimize(speed)
func fullyConnectedReference(
  _ plan: FullyConnectedPlan, input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>
) {
  plan.weights.withUnsafeBufferPointer { weights in
    for b in 0..<plan.batches {
      for unit in 0..<plan.units {
        var acc: Int32 = 0
        for d in 0..<plan.depth {
          acc &+=
            Int32(Int8(bitPattern: weights[unit * plan.depth + d]))
            &* (Int32(input[b * plan.depth + d]) &+ plan.inputOffset)
        }
        output[b * plan.units + unit] = plan.stage.requantize(acc &+ plan.stage.bias[unit], channel: unit)
      }
    }
  }
}
