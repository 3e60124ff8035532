extension SpaceBatchPlan {
  /// Walks the batched side, row by row: batch `b` holds block offset (b / batch) of spatial image (b % batch);
  /// a batched row maps to every `blockWidth`-th pixel of one spatial row, or to padding (cropped away). The
  /// pixels inside the spatial row move one by one (`movePixel`), the padding is written as one run per side.
  @_optimize(speed)
  func eval(input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
    let (batches, height, width, depth) = (batched[0], batched[1], batched[2], batched[3])
    let (images, spatialHeight, spatialWidth) = (spatial[0], spatial[1], spatial[2])
    let spatialStep = blockWidth &* depth
    var batchedRow = 0
    for b in 0..<batches {
      let image = b % images
      let shift = b / images
      let (shiftY, shiftX) = (shift / blockWidth, shift % blockWidth)
      for y in 0..<height {
        let spatialY = y &* blockHeight &+ shiftY &- top
        let inside =
          spatialY >= 0 && spatialY < spatialHeight
          ? insideTaps(origin: shiftX &- left, dilation: blockWidth, filter: width, spatialWidth) : 0..<0
        var spatialPixel =
          ((image &* spatialHeight &+ spatialY) &* spatialWidth &+ inside.lowerBound &* blockWidth &+ shiftX &- left)
          &* depth
        var batchedPixel = batchedRow &+ inside.lowerBound &* depth
        if toBatch {
          (output + batchedRow).initializeMemory(as: UInt8.self, repeating: padValue, count: inside.lowerBound &* depth)
          for _ in inside {
            movePixel(from: input + spatialPixel, to: output + batchedPixel, bytes: depth)
            spatialPixel &+= spatialStep
            batchedPixel &+= depth
          }
          (output + batchedPixel).initializeMemory(
            as: UInt8.self, repeating: padValue, count: (width &- inside.upperBound) &* depth)
        } else {
          for _ in inside {
            movePixel(from: input + batchedPixel, to: output + spatialPixel, bytes: depth)
            spatialPixel &+= spatialStep
            batchedPixel &+= depth
          }
        }
        batchedRow &+= width &* depth
      }
    }
  }
}

/// Copies `bytes` (at least 1) with two loads and stores of the largest power of two not above it, overlapping
/// unless it is one, up to 16 bytes; more take 16 at a time, the last 16 overlapping. A `memcpy` call per pixel
/// cost more than the copy.
@inline(__always)
@_optimize(speed)
private func movePixel(from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, bytes: Int) {
  @inline(__always)
  @_optimize(speed)
  func move<T: BitwiseCopyable>(_: T.Type, at offset: Int) {
    destination.storeBytes(
      of: source.loadUnaligned(fromByteOffset: offset, as: T.self), toByteOffset: offset, as: T.self)
  }
  @inline(__always)
  @_optimize(speed)
  func ends<T: BitwiseCopyable>(_ type: T.Type) {
    move(type, at: 0)
    move(type, at: bytes &- MemoryLayout<T>.size)
  }
  if bytes >= 16 {
    var offset = 0
    while offset &+ 16 < bytes {
      move(SIMD16<UInt8>.self, at: offset)
      offset &+= 16
    }
    move(SIMD16<UInt8>.self, at: bytes &- 16)
  } else if bytes >= 8 {
    ends(UInt64.self)
  } else if bytes >= 4 {
    ends(UInt32.self)
  } else if bytes >= 2 {
    ends(UInt16.self)
  } else {
    move(UInt8.self, at: 0)
  }
}
