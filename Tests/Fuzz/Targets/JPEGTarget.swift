import Imaging

/// A capture goes through what the daemon does with it: header and EXIF orientation, decode under the default
/// limits for a model's input, preprocessing to exactly that input. Every step either refuses with an
/// `ImagingError` or succeeds; the result has the target's size.
enum JPEGTarget {
  static func run(_ bytes: [UInt8]) {
    guard (try? readJPEGHeader(bytes)) != nil else { return }
    // The target varies with the input's length, so that mutations reach every crop policy, colour and scale.
    let n = bytes.count
    let crops: [CropPolicy] = [.centerCrop, .letterbox(pad: 114), .stretch]
    let target = ImageTarget(
      width: 1 + n % 97, height: 1 + (n / 97) % 89, color: n % 2 == 0 ? .rgb : .gray, crop: crops[(n / 7) % 3])
    let decoded: Image
    do { decoded = try decodeJPEG(bytes, target: target) } catch {
      _ = error.description
      return
    }
    let image = preprocess(decoded, to: target)
    precondition(image.width == target.width && image.height == target.height, "preprocess missed the target size")
  }
}
