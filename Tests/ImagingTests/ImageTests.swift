import Imaging
import Testing

@Test func imageKeepsItsGeometry() {
  let image = Image(width: 2, height: 3, channels: 3, pixels: [UInt8](repeating: 7, count: 18))
  #expect(image.pixels.count == image.width * image.height * image.channels)
}
