import Imaging
import Testing

@Test(arguments: [
  // 1024x768 to 224x224: 2/8 gives 256x192, whose short side is below 224; centre crop and stretch need 3/8.
  (1024, 768, 224, 224, CropPolicy.centerCrop, 3),
  (1024, 768, 224, 224, .stretch, 3),
  // Letterboxing only needs the long side: 256x192 fits 224x168.
  (1024, 768, 224, 224, .letterbox(pad: 0), 2),
  (1792, 1792, 224, 224, .centerCrop, 1),
  (1785, 1785, 224, 224, .centerCrop, 1),  // ⌈1785/8⌉ = 224, as libjpeg rounds up
  (1784, 1784, 224, 224, .centerCrop, 2),  // 1784/8 = 223
  (1000, 750, 224, 224, .centerCrop, 3),
  (100, 100, 224, 224, .centerCrop, 8),  // smaller than the target: full size, enlarged later
  (4000, 100, 224, 224, .stretch, 8),
  (1024, 768, 300, 100, .stretch, 3),
  (768, 1024, 300, 100, .stretch, 4),
])
func dctScaleIsTheSmallestThatNeedsNoEnlarging(
  width: Int, height: Int, targetWidth: Int, targetHeight: Int, crop: CropPolicy, expected: Int
) {
  let target = ImageTarget(width: targetWidth, height: targetHeight, color: .rgb, crop: crop)
  #expect(target.dctScale(width: width, height: height) == expected)
}

@Test(arguments: [(1024, 768, 384, 288), (1001, 751, 376, 282)])
func libjpegOutputMatchesTheChosenScale(width: Int, height: Int, outWidth: Int, outHeight: Int) throws {
  let bytes = jpeg(grayImage(width: width, height: height) { x, y in (x + y) & 0xFF }, quality: 75)
  let target = ImageTarget(width: 224, height: 224, color: .gray, crop: .centerCrop)
  let image = try decodeJPEG(bytes, target: target)
  #expect(image.width == outWidth && image.height == outHeight)
}

@Test func scaleIsChosenForTheDisplayedOrientation() throws {
  // Stored 768x1024 and turned by EXIF to 1024x768: a 300x100 target needs 3/8 of the displayed size, where the
  // stored size would have needed 4/8.
  let stored = jpeg(grayImage(width: 768, height: 1024) { x, _ in x & 0xFF }, quality: 75)
  let bytes = inserting(marker: 0xE1, payload: exifPayload(orientation: 6), into: stored)
  let image = try decodeJPEG(bytes, target: ImageTarget(width: 300, height: 100, color: .gray, crop: .stretch))
  #expect(image.width == 384 && image.height == 288)
}
