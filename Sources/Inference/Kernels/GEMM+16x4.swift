/// The int8 GEMM microkernel behind 1×1 convolutions, im2col convolutions and FULLY_CONNECTED:
/// `output[pixel][row] = requantize(bias'[row] + sum_k input[pixel][k] * weight[row][k])`, where
/// `bias' = bias - inputZeroPoint * sum_k weight[row][k]` so the loop never subtracts zero points.
///
/// Tile: 16 rows × 4 pixels. Weights are packed once as int8 in the order the kernel reads them: blocks of 16
/// rows, and within a block, for each group of `depthGroup` consecutive k, each row's `depthGroup` weights.
/// A tile's inputs are converted once to the kernel's input type, into scratch (`KernelInput`, one row of
/// `paddedDepth` per pixel), by the caller's `fill`, which gathers them straight from the input (an im2col row
/// needs no copy of its own), so the kernel broadcasts them with single loads. Kernels that read inputs as
/// unsigned bytes see `input + inputShift`; the folded bias subtracts that shift's products too. The int32
/// accumulator holds 2^16 products (checked in prepare); it wraps only where the true sum would not fit.
struct PackedGEMMWeights: Sendable {
  static let blockRows = 16
  static let tilePixels = 4

  var rows: Int
  var depth: Int
  /// `depth` rounded up to a multiple of `depthPadding` (a multiple of `depthGroup`, the k a kernel step
  /// takes); the padding weights are zero (see `gemm`).
  var paddedDepth: Int
  var data: [Int8]
  var bias: [Int32]
  var output: VectorOutputStage
  #if arch(arm64) && !DOTPROD
    /// No weight is -128: two products then fit an int16 lane (see `tileSums`).
    var productPairsFitInt16: Bool
  #endif

  @_optimize(speed)
  init(weights: ArraySlice<UInt8>, rows: Int, depth: Int, stage: OutputStage, inputZeroPoint: Int32) {
    self.rows = rows
    self.depth = depth
    let group = Self.depthGroup
    paddedDepth = (depth + Self.depthPadding - 1) / Self.depthPadding * Self.depthPadding
    let blocks = (rows + Self.blockRows - 1) / Self.blockRows
    var data = [Int8](repeating: 0, count: blocks * paddedDepth * Self.blockRows)
    var folded = [Int32](repeating: 0, count: blocks * Self.blockRows)
    for row in 0..<rows {
      let block = row / Self.blockRows
      let lane = row % Self.blockRows
      var sum: Int32 = 0
      for k in 0..<depth {
        let w = Int8(bitPattern: weights[weights.startIndex + row * depth + k])
        sum += Int32(w)
        data[(block * paddedDepth + k - k % group) * Self.blockRows + lane * group + k % group] = w
      }
      folded[row] = stage.bias[row] &- (inputZeroPoint &+ Self.inputShift) &* sum
    }
    self.data = data
    self.bias = folded
    output = VectorOutputStage(stage)
    #if arch(arm64) && !DOTPROD
      productPairsFitInt16 = !data.contains(-128)
    #endif
  }

  /// One input as the kernel reads it (`kernelInputs` on one lane): for the tail of a copy and for padding.
  @inline(__always)
  @_optimize(speed)
  static func kernelInput(_ v: Int8) -> KernelInput { kernelInputs(SIMD16(repeating: v))[0] }

  /// What the kernel adds to every input: 128 where it reads inputs as unsigned bytes, else 0.
  static var inputShift: Int32 { Int32(kernelInput(0)) }

  /// Whether the kernel reads int8 inputs as they are (aarch64): a stride-1 pointwise convolution whose depth
  /// needs no padding then reads its input tensor where it lies, one pixel every `paddedDepth` bytes.
  static var readsInputsInPlace: Bool { MemoryLayout<KernelInput>.size == 1 && inputShift == 0 }

  /// Elements a `fill` may write past a pixel's `depth` inputs (see `copyInputs`).
  static let fillSlack = 16

  /// Bytes of full tiles' inputs `gemm` fills at a time, at most (a tile's at least): L1-sized.
  static let chunkBytes = 16384

  /// Full tiles `gemm` fills at a time.
  var chunkTiles: Int {
    max(1, Self.chunkBytes / (Self.tilePixels * paddedDepth * MemoryLayout<KernelInput>.size))
  }

  /// Bytes of scratch `gemm` needs: a chunk of tiles' kernel inputs and the last fill's slack.
  var scratchBytes: Int {
    (chunkTiles * Self.tilePixels * paddedDepth + Self.fillSlack) * MemoryLayout<KernelInput>.size
  }

  var byteCount: Int { data.count + bias.count * 4 + output.byteCount }
}

extension PackedGEMMWeights {
  /// Blocks of `blockRows` output channels.
  var blockCount: Int { (rows + Self.blockRows - 1) / Self.blockRows }

  /// Computes `pixels` output rows, channels of the row blocks `blocks` only. `fill(first, count, destination)`
  /// writes the `depth` inputs of pixels `first..<first + count`, as kernel inputs, at `destination`, one pixel
  /// every `paddedDepth` elements, and may write up to `fillSlack` elements past each pixel's inputs; `scratch`
  /// holds `scratchBytes`, 16-byte aligned. Output rows are `outputStride` bytes apart. Where the inputs already
  /// lie as the kernel reads them (`inPlace`: pixel p's at `inPlace + p * paddedDepth`, see
  /// `readsInputsInPlace`), full tiles read them there and only a last, short tile calls `fill`.
  ///
  /// Full tiles are filled a chunk (`chunkTiles`) at a time and run by `gemmTiles`, a last, short tile by
  /// `gemmShortTile`.
  /// One copy of this kernel serves every caller (calling `fill` costs a call per chunk): inlined into each
  /// convolution, split and thread path, it made the device binary ~200 KB larger for no measurable speed.
  @inline(never)
  @_optimize(speed)
  func gemm(
    pixels: Int, blocks: Range<Int>, output: UnsafeMutablePointer<Int8>, outputStride: Int,
    scratch: UnsafeMutableRawPointer, inPlace: UnsafeRawPointer? = nil,
    fill: (Int, Int, UnsafeMutablePointer<KernelInput>) -> Void
  ) {
    let filled = scratch.bindMemory(
      to: KernelInput.self, capacity: chunkTiles * Self.tilePixels * paddedDepth + Self.fillSlack)
    let fullTiles = pixels / Self.tilePixels
    if let inPlace {
      gemmTiles(fullTiles, blocks: blocks, output: output, outputStride: outputStride, inputs: inPlace)
    } else {
      var tile = 0
      while tile < fullTiles {
        let count = min(chunkTiles, fullTiles - tile)
        fill(tile * Self.tilePixels, count * Self.tilePixels, filled)
        gemmTiles(
          count, blocks: blocks, output: output + tile * Self.tilePixels * outputStride, outputStride: outputStride,
          inputs: filled)
        tile += count
      }
    }
    let tile = fullTiles * Self.tilePixels
    guard tile < pixels else { return }
    // Inputs past `depth` and the short tile's missing pixels keep whatever scratch held: the padding's weights
    // are zero, and missing pixels' results are not stored. (Zeroing them cost a 1-byte store inside the
    // kernel's 4-byte loads, which then cannot be forwarded and stall.)
    fill(tile, pixels - tile, filled)
    gemmShortTile(
      pixels - tile, blocks: blocks, output: output + tile * outputStride, outputStride: outputStride, inputs: filled)
  }

  /// A last tile of `count` (< 4) pixels, its inputs at `inputs`; one pixel (FULLY_CONNECTED at batch 1) takes
  /// `pixelSums`.
  @inline(never)
  @_optimize(speed)
  private func gemmShortTile(
    _ count: Int, blocks: Range<Int>, output: UnsafeMutablePointer<Int8>, outputStride: Int,
    inputs: UnsafeRawPointer
  ) {
    data.withUnsafeBufferPointer { packed in
      bias.withUnsafeBufferPointer { bias in
        // Wrapping arithmetic on offsets inside the packed weights and the output: no overflow checks per block.
        for block in blocks {
          let first = block &* Self.blockRows
          let weights = UnsafeRawPointer(packed.baseAddress! + first &* paddedDepth)
          let blockBias = UnsafeRawPointer(bias.baseAddress! + first)
          let rowsHere = min(Self.blockRows, rows &- first)
          let sums: (SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>)
          if count == 1 {
            let pixel = pixelSums(weights: weights, bias: blockBias, inputs: inputs, rows: rowsHere)
            sums = (pixel, pixel, pixel, pixel)
          } else {
            sums = tileSums(weights: weights, bias: blockBias, inputs: inputs, rows: rowsHere)
          }
          let out = output + first
          if self.output.roundsInDouble {
            storeTile(
              sums, pixels: count, DoubleRequantizationBlock(self.output, channel: first), to: out,
              stride: outputStride, rows: rowsHere)
            continue
          }
          #if arch(arm64)
            if self.output.shiftsRight {
              storeTile(
                sums, pixels: count, RightShiftRequantizationBlock(self.output, channel: first), to: out,
                stride: outputStride, rows: rowsHere)
              continue
            }
          #endif
          storeTile(
            sums, pixels: count, RequantizationBlock(self.output, channel: first), to: out, stride: outputStride,
            rows: rowsHere)
        }
      }
    }
  }

  /// `tiles` full tiles, their inputs at `inputs` (pixel p's at `inputs + p * paddedDepth`): blocks outside
  /// tiles, so that each block's requantization parameters are loaded once, not once per tile, and each tile
  /// stores its 4 pixels with no per-pixel checks (per 16-row block and tile, ~45 fewer instructions on
  /// cortex-a76 than a block inside a tile loop; MobileNetV2 runs 69,000 such tile-blocks).
  @inline(never)
  @_optimize(speed)
  private func gemmTiles(
    _ tiles: Int, blocks: Range<Int>, output: UnsafeMutablePointer<Int8>, outputStride: Int,
    inputs: UnsafeRawPointer
  ) {
    data.withUnsafeBufferPointer { packed in
      bias.withUnsafeBufferPointer { bias in
        for block in blocks {
          let first = block &* Self.blockRows
          let weights = UnsafeRawPointer(packed.baseAddress! + first &* paddedDepth)
          let blockBias = UnsafeRawPointer(bias.baseAddress! + first)
          let rowsHere = min(Self.blockRows, rows &- first)
          /// The block's tiles, requantized by `requantization`, `rows` channels stored per pixel.
          @inline(__always)
          @_optimize(speed)
          func run(_ requantization: some BlockRequantizer, rows: Int) {
            var x = inputs
            var out = output + first
            for _ in 0..<tiles {
              let sums = tileSums(weights: weights, bias: blockBias, inputs: x, rows: rows)
              storeTile(sums, pixels: Self.tilePixels, requantization, to: out, stride: outputStride, rows: rows)
              x += Self.tilePixels &* paddedDepth &* MemoryLayout<KernelInput>.size
              out += Self.tilePixels &* outputStride
            }
          }
          if self.output.roundsInDouble {
            let requantization = DoubleRequantizationBlock(self.output, channel: first)
            rowsHere == Self.blockRows ? run(requantization, rows: Self.blockRows) : run(requantization, rows: rowsHere)
            continue
          }
          #if arch(arm64)
            if self.output.shiftsRight {
              let requantization = RightShiftRequantizationBlock(self.output, channel: first)
              rowsHere == Self.blockRows
                ? run(requantization, rows: Self.blockRows) : run(requantization, rows: rowsHere)
              continue
            }
          #endif
          let requantization = RequantizationBlock(self.output, channel: first)
          rowsHere == Self.blockRows ? run(requantization, rows: Self.blockRows) : run(requantization, rows: rowsHere)
        }
      }
    }
  }
}

extension PackedGEMMWeights {
  /// Copies the `count` bytes at `source` into `destination` as kernel inputs, 16 at a time while 16 bytes are
  /// readable before `readableEnd` (writing up to `fillSlack` - 1 elements past `count`), the rest one by one.
  @inline(__always)
  @_optimize(speed)
  static func copyInputs(
    _ source: UnsafePointer<Int8>, count: Int, readableEnd: UnsafePointer<Int8>,
    to destination: UnsafeMutablePointer<KernelInput>
  ) {
    var k = 0
    while k < count {
      guard source + k + 16 <= readableEnd else {
        for i in k..<count { destination[i] = kernelInput(source[i]) }
        return
      }
      UnsafeMutableRawPointer(destination + k).storeBytes(
        of: kernelInputs(UnsafeRawPointer(source + k).loadUnaligned(as: SIMD16<Int8>.self)),
        as: SIMD16<KernelInput>.self)
      k += 16
    }
  }

  /// Writes `count` copies of `value` at `destination`, 16 at a time (up to `fillSlack` - 1 elements past
  /// `count`, as `copyInputs`).
  @inline(__always)
  @_optimize(speed)
  static func fillInputs(_ value: KernelInput, count: Int, to destination: UnsafeMutablePointer<KernelInput>) {
    var k = 0
    while k < count {
      UnsafeMutableRawPointer(destination + k).storeBytes(
        of: SIMD16<KernelInput>(repeating: value), as: SIMD16<KernelInput>.self)
      k &+= 16
    }
  }
}

extension PackedGEMMWeights {
  /// Copies three 9-byte rows `rowStep` bytes apart (a 3×3 window on 3 channels) into `destination` as 27
  /// consecutive kernel inputs, joined in registers and written with two 16-element stores (and 5 elements of
  /// slack): written row by row, the kernel's loads would span two overlapping stores.
  @inline(__always)
  @_optimize(speed)
  static func copyWindow3x9(
    _ source: UnsafePointer<Int8>, rowStep: Int, to destination: UnsafeMutablePointer<KernelInput>
  ) {
    let raw = UnsafeRawPointer(source)
    let a = raw.loadUnaligned(as: SIMD16<Int8>.self)
    let b = raw.loadUnaligned(fromByteOffset: rowStep, as: SIMD16<Int8>.self)
    let c = raw.loadUnaligned(fromByteOffset: 2 * rowStep, as: SIMD16<Int8>.self)
    var low = SIMD16<Int8>()
    var high = SIMD16<Int8>()
    for i in 0..<9 { low[i] = a[i] }
    for i in 0..<7 { low[9 + i] = b[i] }
    for i in 0..<2 { high[i] = b[7 + i] }
    for i in 0..<9 { high[2 + i] = c[i] }
    let out = UnsafeMutableRawPointer(destination)
    out.storeBytes(of: kernelInputs(low), as: SIMD16<KernelInput>.self)
    out.storeBytes(
      of: kernelInputs(high), toByteOffset: 16 * MemoryLayout<KernelInput>.size, as: SIMD16<KernelInput>.self)
  }
}

/// Requantizes a tile's sums (one per pixel, `pixels` of them valid) and stores `rows` channels of each pixel,
/// pixels `stride` bytes apart.
@_transparent
@_optimize(speed)
func storeTile(
  _ sums: (SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>, SIMD16<Int32>), pixels: Int,
  _ requantization: some BlockRequantizer, to out: UnsafeMutablePointer<Int8>, stride: Int, rows: Int
) {
  requantization.apply(sums.0).storeLanes(to: out, count: rows)
  if pixels > 1 { requantization.apply(sums.1).storeLanes(to: out + stride, count: rows) }
  if pixels > 2 { requantization.apply(sums.2).storeLanes(to: out + 2 * stride, count: rows) }
  if pixels > 3 { requantization.apply(sums.3).storeLanes(to: out + 3 * stride, count: rows) }
}
