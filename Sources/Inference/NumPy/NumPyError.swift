/// Everything that can be wrong with a `.npy` file. Each case says which part of the file is at fault.
public enum NumPyError: Error, Equatable, Sendable {
  /// The file does not start with `\x93NUMPY`, a version and a header length (too short, or another format).
  case notNumPy
  /// A format version other than 1.0, 2.0 or 3.0.
  case unsupportedVersion(major: Int, minor: Int)
  /// The header length field reaches past the end of the file.
  case truncatedHeader(declared: Int, available: Int)
  /// The header is not a Python dict literal of the expected form; `offset` counts from the header's start.
  case malformedHeader(offset: Int, reason: String)
  /// A key other than `descr`, `fortran_order`, `shape`, or one given twice.
  case unexpectedKey(String)
  /// One of `descr`, `fortran_order`, `shape` is absent.
  case missingKey(String)
  /// A `descr` this codec does not read (big-endian, structured, strings, objects, …).
  case unsupportedDescr(String)
  /// `fortran_order` is `True`: only C-order arrays are read.
  case fortranOrder
  /// The shape's element count or byte count does not fit in `Int`.
  case shapeTooLarge
  /// The data after the header is not exactly `shape`'s element count times the element width.
  case dataLengthMismatch(expected: Int, actual: Int)
  /// An element type with no `.npy` counterpart here (e.g. string), when writing.
  case unsupportedElementType(ElementType)
}

extension NumPyError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .notNumPy: "not a NumPy .npy file: no \\x93NUMPY preamble"
    case .unsupportedVersion(let major, let minor): ".npy format version \(major).\(minor) is not supported"
    case .truncatedHeader(let declared, let available):
      ".npy header declares \(declared) bytes, the file has \(available) after the length field"
    case .malformedHeader(let offset, let reason): ".npy header, byte \(offset): \(reason)"
    case .unexpectedKey(let key): ".npy header: unexpected or repeated key '\(key)'"
    case .missingKey(let key): ".npy header: missing key '\(key)'"
    case .unsupportedDescr(let descr): ".npy header: unsupported descr '\(descr)'"
    case .fortranOrder: ".npy header: fortran_order True is not supported (C order only)"
    case .shapeTooLarge: ".npy header: shape too large"
    case .dataLengthMismatch(let expected, let actual):
      ".npy data: shape needs \(expected) bytes, file has \(actual)"
    case .unsupportedElementType(let type): ".npy: element type \(type.rawValue) cannot be stored"
    }
  }
}
