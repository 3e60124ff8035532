import Imaging
import Testing

/// `quantize` of the given pixel values, as a grey image of one row.
private func quantized(
  _ values: [UInt8], scale: Float, zeroPoint: Int32, normalization: InputNormalization
) -> [Int8] {
  let image = Image(width: values.count, height: 1, channels: 1, pixels: values)
  var output = [Int8](repeating: 99, count: values.count)
  output.withUnsafeMutableBufferPointer { buffer in
    quantize(image, scale: scale, zeroPoint: zeroPoint, normalization: normalization, into: buffer)
  }
  return output
}

@Test func unitRangeWithTheUsualInt8Parameters() {
  // r = p/255, scale 1/255, zero point -128: q = p - 128.
  #expect(
    quantized([0, 1, 127, 128, 254, 255], scale: 1 / 255, zeroPoint: -128, normalization: .unit) == [
      -128, -127, -1, 0, 126, 127,
    ])
}

@Test func symmetricRangeHandComputed() {
  // r = 2p/255 - 1, scale 1/128, zero point 0:
  // p=0: r=-1 → -128; p=127: r=-1/255 → -0.502 → -1; p=128: r=1/255 → 0.502 → 1;
  // p=191: r=127/255 → 63.75 → 64; p=255: r=1 → 128 → clamped to 127.
  #expect(
    quantized([0, 127, 128, 191, 255], scale: 1 / 128, zeroPoint: 0, normalization: .symmetric) == [
      -128, -1, 1, 64, 127,
    ])
}

@Test func pixelRangeWithScaleAndZeroPoint() {
  // r = p, scale 2, zero point -100: q = round(p/2) - 100, half away from zero; 255 → 128 - 100 = 28.
  #expect(
    quantized([0, 1, 3, 5, 200, 255], scale: 2, zeroPoint: -100, normalization: .pixels) == [
      -100, -99, -98, -97, 0, 28,
    ])
}

@Test func roundingIsHalfAwayFromZeroOnBothSides() {
  // r = p - 10 (factor 1, offset -10), scale 2: -2.5 → -3, -1.5 → -2, -0.5 → -1, 0.5 → 1, 1.5 → 2.
  let normalization = InputNormalization(factor: 1, offset: -10)
  #expect(quantized([5, 7, 9, 11, 13], scale: 2, zeroPoint: 0, normalization: normalization) == [-3, -2, -1, 1, 2])
}

@Test func clampsAtBothEnds() {
  #expect(quantized([0, 255], scale: 0.5, zeroPoint: 0, normalization: .pixels) == [0, 127])
  #expect(quantized([0, 255], scale: 1e-9, zeroPoint: 0, normalization: .symmetric) == [-128, 127])
}

@Test func normalizationsBeyondFloatsRangeNeverTrap() {
  // A range wider than Float holds: factor inf, so pixel 0 gives 0 · inf = NaN and the others +inf.
  let overflowing = InputNormalization(lower: -3e38, upper: 3e38)
  #expect(!overflowing.factor.isFinite)
  #expect(quantized([0, 1, 255], scale: 1 / 255, zeroPoint: -128, normalization: overflowing) == [-128, 127, 127])
  let notANumber = InputNormalization(factor: .nan, offset: -.infinity)
  #expect(quantized([0, 255], scale: 1, zeroPoint: 3, normalization: notANumber) == [3, 3])
}

@Test func normalizationFromACardRange() {
  let range = InputNormalization(lower: -1, upper: 1)
  #expect(range == .symmetric && range.factor == 2 / 255 && range.offset == -1)
  #expect(InputNormalization(lower: 0, upper: 255) == .pixels)
}

@Test func colourImagesKeepTheirLayout() {
  let image = Image(width: 2, height: 1, channels: 3, pixels: [0, 128, 255, 10, 20, 30])
  var output = [Int8](repeating: 0, count: 6)
  output.withUnsafeMutableBufferPointer { buffer in
    quantize(image, scale: 1, zeroPoint: -128, normalization: .pixels, into: buffer)
  }
  #expect(output == [-128, 0, 127, -118, -108, -98])
}

/// NCHW: one plane per channel, each in row-major pixel order. A 3×2 RGB image whose byte at pixel i, channel c
/// is 100·c + i, so the expected planes read 0…5, 100…105, 200…205 (minus the zero point's 128).
@Test func planarLayoutWritesOnePlanePerChannel() {
  let width = 3
  let height = 2
  var pixels: [UInt8] = []
  for pixel in 0..<width * height { for channel in 0..<3 { pixels.append(UInt8(100 * channel + pixel)) } }
  let image = Image(width: width, height: height, channels: 3, pixels: pixels)
  var output = [Int8](repeating: 99, count: pixels.count)
  output.withUnsafeMutableBufferPointer { buffer in
    quantize(image, scale: 1, zeroPoint: -128, normalization: .pixels, layout: .nchw, into: buffer)
  }
  let planes = (0..<3).flatMap { channel in (0..<width * height).map { Int8(100 * channel + $0 - 128) } }
  #expect(output == planes)
}

@Test func uint8InputTensorClampsToItsOwnRange() {
  // A uint8 model input (the converter's inference_input_type=tf.uint8): r = p/255, scale 1/255, zero point 0
  // gives q = p; with zero point 10 the top ten pixel values clamp at 255 instead of wrapping.
  let image = Image(width: 4, height: 1, channels: 1, pixels: [0, 1, 245, 255])
  var output = [UInt8](repeating: 99, count: 4)
  output.withUnsafeMutableBufferPointer { buffer in
    quantize(image, scale: 1 / 255, zeroPoint: 10, normalization: .unit, into: buffer)
  }
  #expect(output == [10, 11, 255, 255])
}
