/// The int8 GEMM microkernel behind 1×1 convolutions, im2col convolutions and FULLY_CONNECTED:
/// `output[pixel][row] = requantize(bias'[row] + sum_k input[pixel][k] * weight[row][k])`, where
/// `bias' = bias - inputZeroPoint * sum_k weight[row][k]` so the loop never subtracts zero points.
///
/// Tile: 4 pixels × 16 rows, eight `SIMD8<Int32>` accumulators. Weights are packed once into blocks of 16
/// rows; for each pair of depth indices (k, k+1) a block holds the 16 rows' two weights interleaved as int16,
/// so a `SIMD16<Int16>` times the broadcast input pair, summed over even and odd lanes, is one `pmaddwd`
/// (`vpdpwssd` with AVX512-VNNI). The int32 accumulator holds 2^16 products (checked in prepare).
struct PackedGEMMWeights: Sendable {
  static let blockRows = 16
  static let tilePixels = 4

  var rows: Int
  var depth: Int
  var pairs: Int
  var data: [Int16]
  var bias: [Int32]

  init(weights: [Int8], rows: Int, depth: Int, bias: [Int32], inputZeroPoint: Int32) {
    self.rows = rows
    self.depth = depth
    pairs = (depth + 1) / 2
    let blocks = (rows + Self.blockRows - 1) / Self.blockRows
    var data = [Int16](repeating: 0, count: blocks * pairs * 2 * Self.blockRows)
    var folded = [Int32](repeating: 0, count: blocks * Self.blockRows)
    for row in 0..<rows {
      let block = row / Self.blockRows
      let lane = row % Self.blockRows
      var sum: Int32 = 0
      for k in 0..<depth {
        let w = weights[row * depth + k]
        sum += Int32(w)
        data[((block * pairs + k / 2) * Self.blockRows + lane) * 2 + k % 2] = Int16(w)
      }
      folded[row] = bias[row] &- inputZeroPoint &* sum
    }
    self.data = data
    self.bias = folded
  }

  /// Bytes of scratch `gemm` needs: the tile's input pairs widened to int16.
  var scratchBytes: Int { Self.tilePixels * pairs * 4 }
}

@inline(__always)
private func multiplyAddPairs(_ a: SIMD16<Int16>, _ b: SIMD16<Int16>) -> SIMD8<Int32> {
  let product = SIMD16<Int32>(truncatingIfNeeded: a) &* SIMD16<Int32>(truncatingIfNeeded: b)
  return product.evenHalf &+ product.oddHalf
}

extension PackedGEMMWeights {
  /// Computes `pixels` output rows. `row(p)` gives pixel p's `depth` input bytes; `scratch` holds
  /// `scratchBytes`, 4-byte aligned. Output rows are `outputStride` bytes apart.
  @inline(__always)
  func gemm(
    pixels: Int, stage: OutputStage, output: UnsafeMutablePointer<Int8>, outputStride: Int,
    scratch: UnsafeMutableRawPointer, row: (Int) -> UnsafePointer<Int8>
  ) {
    let pairsScratch = scratch.bindMemory(to: UInt32.self, capacity: Self.tilePixels * pairs)
    data.withUnsafeBufferPointer { packed in
      bias.withUnsafeBufferPointer { bias in
        var tile = 0
        while tile < pixels {
          let count = min(Self.tilePixels, pixels - tile)
          // Widen the tile's inputs into (k, k+1) int16 pairs, pixel-interleaved; short tiles repeat a pixel.
          for p in 0..<Self.tilePixels {
            let source = row(tile + min(p, count - 1))
            for kp in 0..<pairs {
              let k = 2 * kp
              let low = UInt32(UInt16(bitPattern: Int16(source[k])))
              let high = k + 1 < depth ? UInt32(UInt16(bitPattern: Int16(source[k + 1]))) : 0
              pairsScratch[kp * Self.tilePixels + p] = low | high << 16
            }
          }
          var block = 0
          while block * Self.blockRows < rows {
            let biasBase = UnsafeRawPointer(bias.baseAddress! + block * Self.blockRows)
            let b0 = biasBase.loadUnaligned(as: SIMD8<Int32>.self)
            let b1 = biasBase.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int32>.self)
            var a00 = b0
            var a01 = b1
            var a10 = b0
            var a11 = b1
            var a20 = b0
            var a21 = b1
            var a30 = b0
            var a31 = b1
            var w = UnsafeRawPointer(packed.baseAddress! + block * pairs * 2 * Self.blockRows)
            var x = UnsafeRawPointer(pairsScratch)
            for _ in 0..<pairs {
              let w0 = w.loadUnaligned(as: SIMD16<Int16>.self)
              let w1 = w.loadUnaligned(fromByteOffset: 32, as: SIMD16<Int16>.self)
              let x0 = unsafeBitCast(SIMD8<UInt32>(repeating: x.load(as: UInt32.self)), to: SIMD16<Int16>.self)
              let x1 = unsafeBitCast(
                SIMD8<UInt32>(repeating: x.load(fromByteOffset: 4, as: UInt32.self)), to: SIMD16<Int16>.self)
              let x2 = unsafeBitCast(
                SIMD8<UInt32>(repeating: x.load(fromByteOffset: 8, as: UInt32.self)), to: SIMD16<Int16>.self)
              let x3 = unsafeBitCast(
                SIMD8<UInt32>(repeating: x.load(fromByteOffset: 12, as: UInt32.self)), to: SIMD16<Int16>.self)
              a00 &+= multiplyAddPairs(w0, x0)
              a01 &+= multiplyAddPairs(w1, x0)
              a10 &+= multiplyAddPairs(w0, x1)
              a11 &+= multiplyAddPairs(w1, x1)
              a20 &+= multiplyAddPairs(w0, x2)
              a21 &+= multiplyAddPairs(w1, x2)
              a30 &+= multiplyAddPairs(w0, x3)
              a31 &+= multiplyAddPairs(w1, x3)
              w += 64
              x += 16
            }
            let rowsHere = min(Self.blockRows, rows - block * Self.blockRows)
            let accumulators = (a00, a01, a10, a11, a20, a21, a30, a31)
            withUnsafeBytes(of: accumulators) { raw in
              let sums = raw.bindMemory(to: Int32.self)
              for p in 0..<count {
                let out = output + (tile + p) * outputStride + block * Self.blockRows
                for j in 0..<rowsHere {
                  out[j] = stage.requantize(sums[p * Self.blockRows + j], channel: block * Self.blockRows + j)
                }
              }
            }
            block += 1
          }
          tile += count
        }
      }
    }
  }
}
