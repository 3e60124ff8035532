import Imaging
import Testing

/// A 6x2 grey image whose columns are 10, 20, …, 60.
private let columns = grayImage(width: 6, height: 2) { x, _ in (x + 1) * 10 }

@Test func centerCropKeepsTheMiddle() {
  let target = ImageTarget(width: 2, height: 2, color: .gray, crop: .centerCrop)
  #expect(preprocess(columns, to: target).pixels == [30, 40, 30, 40])
  // A tall image loses rows from top and bottom.
  let rows = grayImage(width: 2, height: 6) { _, y in (y + 1) * 10 }
  #expect(preprocess(rows, to: target).pixels == [30, 30, 40, 40])
}

@Test func centerCropThenShrinks() {
  // Crop 4x2 from the middle (20…50), then average pairs of columns to 2x1.
  let target = ImageTarget(width: 2, height: 1, color: .gray, crop: .centerCrop)
  let wide = grayImage(width: 6, height: 2) { x, _ in x * 10 + 10 }
  #expect(preprocess(wide, to: target).pixels == [25, 45])
}

@Test func letterboxPadsTheShortSide() {
  let flat = grayImage(width: 4, height: 2) { _, _ in 200 }
  let target = ImageTarget(width: 4, height: 4, color: .gray, crop: .letterbox(pad: 7))
  #expect(preprocess(flat, to: target).pixels == [7, 7, 7, 7, 200, 200, 200, 200, 200, 200, 200, 200, 7, 7, 7, 7])
  // Tall colour images get side bars, in every channel.
  let tall = rgbImage(width: 1, height: 2) { _, _ in (1, 2, 3) }
  let bars = preprocess(tall, to: ImageTarget(width: 4, height: 2, color: .rgb, crop: .letterbox(pad: 0)))
  #expect(bars.pixels == [0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0] + [0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0])
}

@Test func letterboxShrinksToFit() {
  // 8x4 into 4x4: scaled to 4x2 (pairs averaged), centred with one padded row above and below.
  let image = grayImage(width: 8, height: 4) { x, _ in x * 10 }
  let target = ImageTarget(width: 4, height: 4, color: .gray, crop: .letterbox(pad: 0))
  let row: [UInt8] = [5, 25, 45, 65]
  #expect(preprocess(image, to: target).pixels == [0, 0, 0, 0] + row + row + [0, 0, 0, 0])
}

@Test func stretchIgnoresTheAspectRatio() {
  let target = ImageTarget(width: 3, height: 1, color: .gray, crop: .stretch)
  #expect(preprocess(columns, to: target).pixels == [15, 35, 55])
}

@Test func decodeAndPreprocessGiveTheTargetSize() throws {
  let bytes = jpeg(rampImage(width: 1024, height: 768), quality: 80)
  for crop in [CropPolicy.centerCrop, .letterbox(pad: 0), .stretch] {
    for color in [ColorMode.gray, .rgb] {
      let target = ImageTarget(width: 224, height: 224, color: color, crop: crop)
      let image = try preprocess(decodeJPEG(bytes, target: target), to: target)
      #expect(image.width == 224 && image.height == 224 && image.channels == color.channels)
    }
  }
}

@Test func decodeAndPreprocessKeepTheContent() throws {
  // Left half dark, right half bright: after decode at 3/8, centre crop and area shrink, the halves remain.
  let image = grayImage(width: 1024, height: 768) { x, _ in x < 512 ? 30 : 220 }
  let target = ImageTarget(width: 224, height: 224, color: .gray, crop: .centerCrop)
  let prepared = try preprocess(decodeJPEG(jpeg(image), target: target), to: target)
  #expect(abs(Int(prepared.pixels[100 * 224 + 50]) - 30) <= 3)
  #expect(abs(Int(prepared.pixels[100 * 224 + 170]) - 220) <= 3)
}
