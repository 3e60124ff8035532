/// Fits `image` to `target` by its crop policy and resamples it with `resize`'s filters; the result is exactly
/// `target.width`×`target.height`. The image must already have the target's colour (`decodeJPEG` does that).
public func preprocess(_ image: Image, to target: ImageTarget) -> Image {
  precondition(image.channels == target.color.channels, "the image has the target's colour mode")
  let placement = target.crop.placement(
    width: image.width, height: image.height, targetWidth: target.width, targetHeight: target.height)
  let destination = placement.destination
  let resized = resample(image, region: placement.source, width: destination.width, height: destination.height)
  guard case .letterbox(let pad) = target.crop else { return resized }

  let channels = image.channels
  var canvas = [UInt8](repeating: pad, count: target.width * target.height * channels)
  let rowLength = destination.width * channels
  for y in 0..<destination.height {
    let to = ((destination.y + y) * target.width + destination.x) * channels
    canvas[to..<to + rowLength] = resized.pixels[y * rowLength..<(y + 1) * rowLength]
  }
  return Image(width: target.width, height: target.height, channels: channels, pixels: canvas)
}
