/// The `descr` strings of the element types edgediag exchanges with NumPy: int8 and uint8 tensors, int32
/// biases and accumulators, float32 for dequantized outputs. All little-endian, as the device is.
extension ElementType {
  /// NumPy's own spelling when it writes the type (`np.dtype(...).str`).
  var numPyDescr: [UInt8]? {
    switch self {
    case .int8: Array("|i1".utf8)
    case .uint8: Array("|u1".utf8)
    case .int32: Array("<i4".utf8)
    case .float32: Array("<f4".utf8)
    default: nil
    }
  }

  /// The type a `descr` names; single-byte types are accepted with any byte-order mark NumPy itself accepts.
  init?(numPyDescr descr: [UInt8]) {
    guard descr.count == 3 else { return nil }
    let order = descr[0]
    let kind = descr[1]
    let width = descr[2]
    let anyOrder = order == UInt8(ascii: "|") || order == UInt8(ascii: "<") || order == UInt8(ascii: "=")
    let little = order == UInt8(ascii: "<") || order == UInt8(ascii: "=")
    switch (kind, width) {
    case (UInt8(ascii: "i"), UInt8(ascii: "1")) where anyOrder: self = .int8
    case (UInt8(ascii: "u"), UInt8(ascii: "1")) where anyOrder: self = .uint8
    case (UInt8(ascii: "i"), UInt8(ascii: "4")) where little: self = .int32
    case (UInt8(ascii: "f"), UInt8(ascii: "4")) where little: self = .float32
    default: return nil
    }
  }
}
