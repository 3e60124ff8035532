/// An n-dimensional array in NumPy's `.npy` format: how edgediag exchanges raw tensors with the reference
/// implementation (`edgediag model run --input IN.npy --output OUT.npy`, the golden files of models/suite).
/// Only C-order, little-endian arrays of the element types in `ElementType.numPyDescr` are read and written.
public struct NumPyArray: Sendable, Equatable {
  public var elementType: ElementType
  public var shape: [Int]
  /// The elements in C order, little-endian.
  public var bytes: [UInt8]

  /// An array of `shape` over `bytes`, which must hold exactly the shape's element count times the element
  /// width; `elementType` must be one of those `.npy` can store here.
  public init(elementType: ElementType, shape: [Int], bytes: [UInt8]) throws(NumPyError) {
    guard elementType.numPyDescr != nil, let width = elementType.byteWidth else {
      throw .unsupportedElementType(elementType)
    }
    let expected = try Self.byteCount(shape: shape, width: width)
    guard bytes.count == expected else { throw .dataLengthMismatch(expected: expected, actual: bytes.count) }
    self.elementType = elementType
    self.shape = shape
    self.bytes = bytes
  }

  /// Parses a whole `.npy` file (format 1.0, 2.0 or 3.0).
  public init(npy file: [UInt8]) throws(NumPyError) {
    guard file.count >= 8, file.starts(with: Self.magic) else { throw .notNumPy }
    let major = Int(file[6])
    let minor = Int(file[7])
    let lengthWidth: Int
    switch (major, minor) {
    case (1, 0): lengthWidth = 2
    case (2, 0), (3, 0): lengthWidth = 4
    default: throw .unsupportedVersion(major: major, minor: minor)
    }
    let headerStart = 8 + lengthWidth
    guard file.count >= headerStart else { throw .notNumPy }
    var headerLength = 0
    for index in (8..<headerStart).reversed() { headerLength = headerLength << 8 | Int(file[index]) }
    let headerEnd = headerStart + headerLength
    guard headerEnd <= file.count else {
      throw .truncatedHeader(declared: headerLength, available: file.count - headerStart)
    }
    let header = try NumPyHeader(parsing: file[headerStart..<headerEnd])
    guard let elementType = ElementType(numPyDescr: header.descr) else {
      throw .unsupportedDescr(String(decoding: header.descr, as: UTF8.self))
    }
    guard !header.fortranOrder else { throw .fortranOrder }
    try self.init(elementType: elementType, shape: header.shape, bytes: Array(file[headerEnd...]))
  }

  /// The array as a `.npy` file, byte for byte what `numpy.save` writes: format 1.0 (2.0 only when the header
  /// outgrows 1.0's 16-bit length), the dict with keys in sorted order, spare spaces that let the first axis
  /// grow in place, and padding so that the data starts at a multiple of 64 bytes.
  public var npy: [UInt8] {
    // `init` admits only types with a descr.
    let descr = elementType.numPyDescr ?? []
    var dict = Array("{'descr': '".utf8) + descr + Array("', 'fortran_order': False, 'shape': (".utf8)
    for (index, extent) in shape.enumerated() {
      if index > 0 { dict += Array(" ".utf8) }
      dict += Array("\(extent),".utf8)
    }
    if shape.count > 1 { dict.removeLast() }
    dict += Array("), }".utf8)
    if let first = shape.first {
      dict += [UInt8](repeating: UInt8(ascii: " "), count: Self.growthAxisMaxDigits - "\(first)".utf8.count)
    }
    var lengthWidth = 2
    var total = Self.paddedLength(dict.count, lengthWidth: lengthWidth)
    if total - 8 - lengthWidth > Int(UInt16.max) {
      lengthWidth = 4
      total = Self.paddedLength(dict.count, lengthWidth: lengthWidth)
    }
    let headerLength = total - 8 - lengthWidth
    var file = Self.magic + [lengthWidth == 2 ? 1 : 2, 0]
    file.reserveCapacity(total + bytes.count)
    for index in 0..<lengthWidth { file.append(UInt8(truncatingIfNeeded: headerLength >> (8 * index))) }
    file += dict
    file += [UInt8](repeating: UInt8(ascii: " "), count: total - file.count - 1)
    file.append(UInt8(ascii: "\n"))
    file += bytes
    return file
  }

  private static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
  /// NumPy's `GROWTH_AXIS_MAX_DIGITS`: room for the first axis to reach 21 digits without moving the data.
  private static let growthAxisMaxDigits = 21
  /// NumPy's `ARRAY_ALIGN`.
  private static let alignment = 64

  /// Magic, version, length field, dict and the final newline, rounded up to the alignment (NumPy always
  /// pads, by a whole 64 bytes if it has to).
  private static func paddedLength(_ dictLength: Int, lengthWidth: Int) -> Int {
    let unpadded = 8 + lengthWidth + dictLength + 1
    return unpadded + alignment - unpadded % alignment
  }

  private static func byteCount(shape: [Int], width: Int) throws(NumPyError) -> Int {
    var count = width
    for extent in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: extent)
      guard extent >= 0, !overflow else { throw .shapeTooLarge }
      count = product
    }
    return count
  }
}
