/// DEPTHWISE_CONV_2D with depth multiplier 1, any window, stride and dilation, vectorized over 16 channels
/// (NHWC keeps a pixel's channels contiguous). A depth multiplier m > 1 runs it on a copy of the input with
/// each channel repeated m times (`DepthwiseConv2DPlan.eval`).
///
/// Layout: weights packed once as int32, per block of 16 channels, tap-major (`[block][tap][16]`), so the
/// loop widens only the input. The input zero point is folded into the bias, and taps outside the input read
/// a row of the input zero point instead, which the folded bias cancels: the border needs no other code path,
/// only a different pointer per tap, chosen once per output pixel. A last block of fewer than 16 channels
/// uses the same vector arithmetic, loading whole vectors where 16 bytes stay inside the input (the padding
/// row has 16 bytes of slack), else copying its lanes, and storing only its lanes.
struct DepthwiseC16Weights: Sendable {
  static let lanes = 16

  var channels: Int
  var taps: Int
  var data: [Int32]
  var bias: [Int32]
  var output: VectorOutputStage
  /// `channels + 16` bytes of the input zero point, read for taps outside the input.
  var paddingRow: [Int8]

  init(
    weights: ArraySlice<UInt8>, channels: Int, taps: Int, foldedBias: [Int32], stage: OutputStage, inputZeroPoint: Int32
  ) {
    self.channels = channels
    self.taps = taps
    let padded = (channels + Self.lanes - 1) / Self.lanes * Self.lanes
    var data = [Int32](repeating: 0, count: padded * taps)
    for tap in 0..<taps {
      for c in 0..<channels {
        data[((c / Self.lanes) * taps + tap) * Self.lanes + c % Self.lanes] =
          Int32(Int8(bitPattern: weights[weights.startIndex + tap * channels + c]))
      }
    }
    self.data = data
    bias = foldedBias + [Int32](repeating: 0, count: padded - channels)
    output = VectorOutputStage(stage)
    paddingRow = [Int8](repeating: Int8(truncatingIfNeeded: inputZeroPoint), count: channels + Self.lanes)
  }

  var byteCount: Int { data.count * 4 + bias.count * 4 + output.byteCount + paddingRow.count }
}

extension DepthwiseConv2DPlan {
  /// Computes the output rows `lines` (counted across batches: `b * outputHeight + oy`). `g` is `geometry`, or
  /// for a depth multiplier > 1, the geometry of the expanded input.
  func evalC16(
    _ packed: DepthwiseC16Weights, geometry g: WindowGeometry, lines: Range<Int>, input: UnsafePointer<Int8>,
    output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutableRawPointer
  ) {
    let channels = g.inputChannels
    let inputEnd = input + g.batches * g.inputHeight * g.inputWidth * channels
    let taps = packed.taps
    let rows = scratch.bindMemory(to: UnsafePointer<Int8>.self, capacity: taps)
    let fullBlocks = channels / DepthwiseC16Weights.lanes
    packed.data.withUnsafeBufferPointer { weights in
      packed.bias.withUnsafeBufferPointer { bias in
        packed.paddingRow.withUnsafeBufferPointer { padding in
          for b in 0..<g.batches {
            for oy in 0..<g.outputHeight where lines.contains(b * g.outputHeight + oy) {
              for ox in 0..<g.outputWidth {
                let yOrigin = oy * g.strideHeight - g.padTop
                let xOrigin = ox * g.strideWidth - g.padLeft
                var tap = 0
                for fy in 0..<g.filterHeight {
                  let y = yOrigin + fy * g.dilationHeight
                  for fx in 0..<g.filterWidth {
                    let x = xOrigin + fx * g.dilationWidth
                    rows[tap] =
                      y >= 0 && y < g.inputHeight && x >= 0 && x < g.inputWidth
                      ? input + ((b * g.inputHeight + y) * g.inputWidth + x) * channels : padding.baseAddress!
                    tap += 1
                  }
                }
                let out = output + ((b * g.outputHeight + oy) * g.outputWidth + ox) * channels
                for block in 0..<fullBlocks {
                  let c = block * DepthwiseC16Weights.lanes
                  var acc = UnsafeRawPointer(bias.baseAddress! + c).loadUnaligned(as: SIMD16<Int32>.self)
                  var w = UnsafeRawPointer(weights.baseAddress! + c * taps)
                  for t in 0..<taps {
                    let x = widened(UnsafeRawPointer(rows[t] + c).loadUnaligned(as: SIMD16<Int8>.self))
                    acc &+= x &* w.loadUnaligned(as: SIMD16<Int32>.self)
                    w += 64
                  }
                  let requantization = RequantizationBlock(packed.output, channel: c)
                  UnsafeMutableRawPointer(out + c).storeBytes(of: requantization.apply(acc), as: SIMD16<Int8>.self)
                }
                let c = fullBlocks * DepthwiseC16Weights.lanes
                if c < channels {
                  let count = channels - c
                  var acc = UnsafeRawPointer(bias.baseAddress! + c).loadUnaligned(as: SIMD16<Int32>.self)
                  var w = UnsafeRawPointer(weights.baseAddress! + c * taps)
                  for t in 0..<taps {
                    let p = rows[t] + c
                    var x = SIMD16<Int8>()
                    if p + DepthwiseC16Weights.lanes <= inputEnd || rows[t] == padding.baseAddress! {
                      x = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Int8>.self)
                    } else {
                      for i in 0..<count { x[i] = p[i] }
                    }
                    acc &+= widened(x) &* w.loadUnaligned(as: SIMD16<Int32>.self)
                    w += 64
                  }
                  let requantization = RequantizationBlock(packed.output, channel: c)
                  store(requantization.apply(acc), to: out + c, count: count)
                }
              }
            }
          }
        }
      }
    }
  }
}
