/// The header dict of a `.npy` file, e.g. `{'descr': '|i1', 'fortran_order': False, 'shape': (1, 96, 96, 3), }`:
/// a Python literal that NumPy reads with `ast.literal_eval`. This parser accepts the subset NumPy writes and
/// any reasonable hand-written variant (either quote style, any whitespace, optional trailing commas), and
/// works on bytes so that no Unicode tables are needed.
struct NumPyHeader {
  var descr: [UInt8]
  var fortranOrder: Bool
  var shape: [Int]

  init(parsing text: ArraySlice<UInt8>) throws(NumPyError) {
    var scanner = Scanner(bytes: text)
    var descr: [UInt8]?
    var fortranOrder: Bool?
    var shape: [Int]?
    try scanner.expect(UInt8(ascii: "{"))
    while !scanner.consume(UInt8(ascii: "}")) {
      let key = try scanner.string()
      try scanner.expect(UInt8(ascii: ":"))
      switch key {
      case Array("descr".utf8) where descr == nil: descr = try scanner.string()
      case Array("fortran_order".utf8) where fortranOrder == nil: fortranOrder = try scanner.bool()
      case Array("shape".utf8) where shape == nil: shape = try scanner.tuple()
      default: throw .unexpectedKey(String(decoding: key, as: UTF8.self))
      }
      if !scanner.consume(UInt8(ascii: ",")) {
        try scanner.expect(UInt8(ascii: "}"))
        break
      }
    }
    try scanner.expectEnd()
    guard let descr else { throw .missingKey("descr") }
    guard let fortranOrder else { throw .missingKey("fortran_order") }
    guard let shape else { throw .missingKey("shape") }
    self.descr = descr
    self.fortranOrder = fortranOrder
    self.shape = shape
  }
}

/// A cursor over the header's bytes that skips whitespace before every token.
private struct Scanner {
  let bytes: ArraySlice<UInt8>
  var position: Int

  init(bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    self.position = bytes.startIndex
  }

  private var offset: Int { position - bytes.startIndex }

  private func failure(_ reason: String) -> NumPyError { .malformedHeader(offset: offset, reason: reason) }

  private mutating func skipWhitespace() {
    while position < bytes.endIndex, Self.isWhitespace(bytes[position]) { position += 1 }
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
      || byte == UInt8(ascii: "\r")
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  private mutating func peek() -> UInt8? {
    skipWhitespace()
    return position < bytes.endIndex ? bytes[position] : nil
  }

  /// Consumes `byte` if it is the next token.
  mutating func consume(_ byte: UInt8) -> Bool {
    guard peek() == byte else { return false }
    position += 1
    return true
  }

  mutating func expect(_ byte: UInt8) throws(NumPyError) {
    guard consume(byte) else {
      let token = String(decoding: [byte], as: UTF8.self)
      throw failure(peek() == nil ? "ends where '\(token)' was expected" : "expected '\(token)'")
    }
  }

  /// Only whitespace (NumPy's padding and final newline) may follow the dict.
  mutating func expectEnd() throws(NumPyError) {
    guard peek() == nil else { throw failure("unexpected text after the dict") }
  }

  /// A quoted string without escapes, in single or double quotes.
  mutating func string() throws(NumPyError) -> [UInt8] {
    guard let quote = peek(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
      throw failure("expected a quoted string")
    }
    position += 1
    let start = position
    while position < bytes.endIndex, bytes[position] != quote {
      guard bytes[position] != UInt8(ascii: "\\") else { throw failure("escapes in strings are not supported") }
      position += 1
    }
    guard position < bytes.endIndex else { throw failure("unterminated string") }
    let value = Array(bytes[start..<position])
    position += 1
    return value
  }

  mutating func bool() throws(NumPyError) -> Bool {
    skipWhitespace()
    for (word, value) in [(Array("True".utf8), true), (Array("False".utf8), false)]
    where bytes[position...].starts(with: word) {
      position += word.count
      return value
    }
    throw failure("expected True or False")
  }

  /// A tuple of non-negative integers: `()`, `(5,)`, `(1, 2, 3)`, with an optional trailing comma.
  mutating func tuple() throws(NumPyError) -> [Int] {
    try expect(UInt8(ascii: "("))
    var values: [Int] = []
    while !consume(UInt8(ascii: ")")) {
      values.append(try integer())
      if !consume(UInt8(ascii: ",")) {
        guard values.count > 1 else { throw failure("a one-element tuple needs a trailing comma") }
        try expect(UInt8(ascii: ")"))
        break
      }
    }
    return values
  }

  private mutating func integer() throws(NumPyError) -> Int {
    guard let first = peek(), Self.isDigit(first) else { throw failure("expected a non-negative integer") }
    var value = 0
    while position < bytes.endIndex, Self.isDigit(bytes[position]) {
      let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(Int(bytes[position] &- UInt8(ascii: "0")))
      guard !overflow1, !overflow2 else { throw NumPyError.shapeTooLarge }
      value = sum
      position += 1
    }
    return value
  }
}
