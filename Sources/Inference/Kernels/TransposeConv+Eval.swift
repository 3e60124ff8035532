extension TransposeConvPlan {
  /// One batch at a time: clear its int32 accumulators, add each tile's GEMM sums onto the output pixels their
  /// taps reach, then add the bias and requantize.
  @_optimize(speed)
  func eval(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer) {
    let outputPixels = geometry.outputHeight * geometry.outputWidth
    let accumulators = (scratch + accumulatorOffset).bindMemory(
      to: Int32.self, capacity: outputPixels * geometry.outputChannels)
    let paddedDepth = packed.paddedDepth
    let tileInputs = scratch.bindMemory(
      to: PackedGEMMWeights.KernelInput.self,
      capacity: PackedGEMMWeights.tilePixels * paddedDepth + PackedGEMMWeights.fillSlack)
    let inputPixels = geometry.inputHeight * geometry.inputWidth
    packed.data.withUnsafeBufferPointer { weights in
      packed.bias.withUnsafeBufferPointer { bias in
        for b in 0..<geometry.batches {
          accumulators.update(repeating: 0, count: outputPixels * geometry.outputChannels)
          let image = input + b * inputPixels * geometry.inputChannels
          let imageEnd = image + inputPixels * geometry.inputChannels
          var tile = 0
          while tile < inputPixels {
            let count = min(PackedGEMMWeights.tilePixels, inputPixels - tile)
            // The top-left output pixel each input pixel's window starts at.
            var origins: (y: SIMD4<Int32>, x: SIMD4<Int32>) = (.zero, .zero)
            for p in 0..<count {
              let (iy, ix) = (tile + p).quotientAndRemainder(dividingBy: geometry.inputWidth)
              PackedGEMMWeights.copyInputs(
                image + (tile + p) * geometry.inputChannels, count: geometry.inputChannels, readableEnd: imageEnd,
                to: tileInputs + p * paddedDepth)
              origins.y[p] = Int32(iy * geometry.strideHeight - geometry.padTop)
              origins.x[p] = Int32(ix * geometry.strideWidth - geometry.padLeft)
            }
            for block in 0..<packed.blockCount {
              let (tap, channelBlock) = block.quotientAndRemainder(dividingBy: channelBlocks)
              let (fy, fx) = tap.quotientAndRemainder(dividingBy: geometry.filterWidth)
              let firstChannel = channelBlock * 16
              let lanes = min(16, geometry.outputChannels - firstChannel)
              let sums = packed.tileSums(
                weights: UnsafeRawPointer(weights.baseAddress! + block * 16 * paddedDepth),
                bias: UnsafeRawPointer(bias.baseAddress! + block * 16), inputs: UnsafeRawPointer(tileInputs),
                rows: lanes)
              for p in 0..<count {
                let oy = Int(origins.y[p]) + fy
                let ox = Int(origins.x[p]) + fx
                guard oy >= 0, oy < geometry.outputHeight, ox >= 0, ox < geometry.outputWidth else { continue }
                let sum = p == 0 ? sums.0 : p == 1 ? sums.1 : p == 2 ? sums.2 : sums.3
                accumulate(
                  sum, into: accumulators + (oy * geometry.outputWidth + ox) * geometry.outputChannels + firstChannel,
                  lanes)
              }
            }
            tile += count
          }
          requantizeBlocks(accumulators, into: output + b * outputPixels * geometry.outputChannels)
        }
      }
    }
  }

  /// `requantize`, 16 channels at a time.
  @_optimize(speed)
  func requantizeBlocks(_ accumulators: UnsafePointer<Int32>, into output: UnsafeMutablePointer<Int8>) {
    paddedBias.withUnsafeBufferPointer { bias in
      for block in 0..<channelBlocks {
        let first = block * 16
        let lanes = min(16, geometry.outputChannels - first)
        let block = RequantizationBlock(requantization, channel: first)
        let blockBias = UnsafeRawPointer(bias.baseAddress! + first).loadUnaligned(as: SIMD16<Int32>.self)
        for p in 0..<geometry.outputHeight * geometry.outputWidth {
          let i = p * geometry.outputChannels + first
          let sums = UnsafeRawPointer(accumulators + i).loadUnaligned(as: SIMD16<Int32>.self)
          block.apply(sums &+ blockBias).storeLanes(to: output + i, count: lanes)
        }
      }
    }
  }

  @inline(__always)
  @_optimize(speed)
  func accumulate(_ sum: SIMD16<Int32>, into destination: UnsafeMutablePointer<Int32>, _ lanes: Int) {
    if lanes == 16 {
      let raw = UnsafeMutableRawPointer(destination)
      raw.storeBytes(of: raw.loadUnaligned(as: SIMD16<Int32>.self) &+ sum, as: SIMD16<Int32>.self)
    } else {
      for lane in 0..<lanes { destination[lane] &+= sum[lane] }
    }
  }

  /// Bias, the channel's multiplier, the output offset and the clamp, for one batch's accumulators.
  @_optimize(speed)
  func requantize(_ accumulators: UnsafePointer<Int32>, into output: UnsafeMutablePointer<Int8>) {
    for p in 0..<geometry.outputHeight * geometry.outputWidth {
      for oc in 0..<geometry.outputChannels {
        let i = p * geometry.outputChannels + oc
        output[i] = stage.requantize(accumulators[i] &+ stage.bias[oc], channel: oc)
      }
    }
  }

  /// The plain kernel, as the reference computes it: each input pixel scatters its products over the output
  /// window it reaches.
  @_optimize(speed)
  func evalReference(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer) {
    let outputPixels = geometry.outputHeight * geometry.outputWidth
    let accumulators = scratch.bindMemory(to: Int32.self, capacity: outputPixels * geometry.outputChannels)
    weights.withUnsafeBufferPointer { weights in
      for b in 0..<geometry.batches {
        accumulators.update(repeating: 0, count: outputPixels * geometry.outputChannels)
        for iy in 0..<geometry.inputHeight {
          for ix in 0..<geometry.inputWidth {
            let pixel = input + ((b * geometry.inputHeight + iy) * geometry.inputWidth + ix) * geometry.inputChannels
            for fy in 0..<geometry.filterHeight {
              let oy = iy * geometry.strideHeight - geometry.padTop + fy
              guard oy >= 0, oy < geometry.outputHeight else { continue }
              for fx in 0..<geometry.filterWidth {
                let ox = ix * geometry.strideWidth - geometry.padLeft + fx
                guard ox >= 0, ox < geometry.outputWidth else { continue }
                let sums = accumulators + (oy * geometry.outputWidth + ox) * geometry.outputChannels
                for oc in 0..<geometry.outputChannels {
                  let filter =
                    weights.baseAddress! + ((oc * geometry.filterHeight + fy) * geometry.filterWidth + fx)
                    * geometry.inputChannels
                  var sum: Int32 = 0
                  for ic in 0..<geometry.inputChannels {
                    sum &+= (Int32(pixel[ic]) &- inputZeroPoint) &* Int32(filter[ic])
                  }
                  sums[oc] &+= sum
                }
              }
            }
          }
        }
        requantize(accumulators, into: output + b * outputPixels * geometry.outputChannels)
      }
    }
  }
}
