/// A FlatBuffer vector whose elements were checked to lie inside the file by
/// `FlatBuffer.vector(ofOffsetAt:elementSize:_:)`.
struct FlatVector {
  let buffer: FlatBuffer
  /// File position of the first element.
  let start: Int
  let count: Int
  let elementSize: Int

  /// File positions of the elements, in order.
  var positions: StrideTo<Int> { stride(from: start, to: start + count * elementSize, by: elementSize) }

  /// The elements' bytes in the file.
  var byteRange: Range<Int> { start..<start + count * elementSize }

  func map<T>(_ transform: (Int) -> T) -> [T] {
    var result: [T] = []
    result.reserveCapacity(count)
    for position in positions { result.append(transform(position)) }
    return result
  }

  /// Element `index` of a vector of tables (each element a `uoffset` to its table).
  @inline(__always)
  func table(_ index: Int, _ what: @autoclosure () -> String) throws(ModelError) -> FlatTable {
    try naming(what) { () throws(FlatFault) in
      try buffer.table(at: buffer.target(ofOffsetAt: start + index * elementSize))
    }
  }
}
