extension SpaceBatchPlan {
  /// Walks the batched side, pixel by pixel: batch `b` holds block offset (b / batch) of spatial image
  /// (b % batch); each of its pixels maps to one spatial pixel, or to padding (cropped away).
  @_optimize(speed)
  func eval(input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
    let (batches, height, width, depth) = (batched[0], batched[1], batched[2], batched[3])
    let (images, spatialHeight, spatialWidth) = (spatial[0], spatial[1], spatial[2])
    for b in 0..<batches {
      let image = b % images
      let shift = b / images
      let (shiftY, shiftX) = (shift / blockWidth, shift % blockWidth)
      for y in 0..<height {
        let spatialY = y * blockHeight + shiftY - top
        for x in 0..<width {
          let spatialX = x * blockWidth + shiftX - left
          let batchedPixel = ((b * height + y) * width + x) * depth
          let inside = (0..<spatialHeight).contains(spatialY) && (0..<spatialWidth).contains(spatialX)
          let spatialPixel = ((image * spatialHeight + spatialY) * spatialWidth + spatialX) * depth
          if toBatch {
            if inside {
              (output + batchedPixel).copyMemory(from: input + spatialPixel, byteCount: depth)
            } else {
              (output + batchedPixel).initializeMemory(as: UInt8.self, repeating: padValue, count: depth)
            }
          } else if inside {
            (output + spatialPixel).copyMemory(from: input + batchedPixel, byteCount: depth)
          }
        }
      }
    }
  }
}
