import Inference
import Testing

/// A `.npy` file as `numpy.save` lays it out: preamble, header text, `spaces` spaces, newline, data.
/// The space counts in the tests below are what NumPy 2.4 wrote for the same arrays.
private func numpyFile(
  _ header: String, spaces: Int, data: [UInt8], version: UInt8 = 1
) -> [UInt8] {
  let text = Array(header.utf8) + [UInt8](repeating: 0x20, count: spaces) + [0x0A]
  let length =
    version == 1
    ? [UInt8(text.count & 0xFF), UInt8(text.count >> 8)]
    : [
      UInt8(text.count & 0xFF), UInt8(text.count >> 8 & 0xFF), 0, 0,
    ]
  return [0x93] + Array("NUMPY".utf8) + [version, 0] + length + text + data
}

@Test func writesWhatNumPyWritesForAScalar() throws {
  let array = try NumPyArray(elementType: .int32, shape: [], bytes: [3, 0, 0, 0])
  let expected = numpyFile(
    "{'descr': '<i4', 'fortran_order': False, 'shape': (), }", spaces: 62, data: [3, 0, 0, 0])
  #expect(array.npy == expected)
  #expect(try NumPyArray(npy: expected) == array)
}

@Test func writesWhatNumPyWritesForVectorsAndMatrices() throws {
  let floats: [Float] = (0..<10).map(Float.init)
  let floatBytes = floats.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
  let vector = try NumPyArray(elementType: .float32, shape: [10], bytes: floatBytes)
  #expect(
    vector.npy
      == numpyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }", spaces: 59, data: floatBytes))

  let empty = try NumPyArray(elementType: .uint8, shape: [0], bytes: [])
  #expect(empty.npy == numpyFile("{'descr': '|u1', 'fortran_order': False, 'shape': (0,), }", spaces: 60, data: []))

  let matrix = try NumPyArray(elementType: .int8, shape: [2, 3], bytes: [1, 0xFE, 3, 0x80, 0x7F, 0])
  #expect(
    matrix.npy
      == numpyFile(
        "{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }", spaces: 58, data: matrix.bytes))
}

@Test func padsByAWhole64BytesWhenTheHeaderEndsOnABoundary() throws {
  // Preamble, dict, the first axis's spare spaces and the newline make exactly 128 bytes; NumPy still pads.
  let shape = [1, 100] + [Int](repeating: 1, count: 12)
  let array = try NumPyArray(elementType: .int8, shape: shape, bytes: [UInt8](repeating: 7, count: 100))
  let expected = numpyFile(
    "{'descr': '|i1', 'fortran_order': False, 'shape': (1, 100, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), }",
    spaces: 84, data: array.bytes)
  #expect(array.npy == expected)
  #expect(array.npy.count - array.bytes.count == 192)
}

@Test func writesFormat2WhenTheHeaderOutgrowsFormat1() throws {
  let shape = [Int](repeating: 1, count: 30_000)
  let array = try NumPyArray(elementType: .int8, shape: shape, bytes: [42])
  let file = array.npy
  #expect(file[6] == 2 && file[7] == 0)
  #expect((file.count - 1) % 64 == 0)
  #expect(try NumPyArray(npy: file) == array)
}

@Test func readsFormats2And3AndHandWrittenHeaders() throws {
  let data: [UInt8] = [1, 2, 3, 4, 5, 6]
  for version: UInt8 in [2, 3] {
    let file = numpyFile(
      "{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }", spaces: 3, data: data,
      version: version)
    #expect(try NumPyArray(npy: file) == NumPyArray(elementType: .int8, shape: [2, 3], bytes: data))
  }
  // Any key order, double quotes, no trailing comma, '<i1' for int8, odd whitespace: all valid Python.
  let handWritten = numpyFile(
    "{ \"shape\" :(6 ,),\"fortran_order\":False,\n'descr':'<i1'}", spaces: 0, data: data)
  #expect(try NumPyArray(npy: handWritten) == NumPyArray(elementType: .int8, shape: [6], bytes: data))
}

@Test func rejectsElementTypesWithoutADescr() {
  #expect(throws: NumPyError.unsupportedElementType(.int64)) {
    try NumPyArray(elementType: .int64, shape: [1], bytes: [0, 0, 0, 0, 0, 0, 0, 0])
  }
  #expect(throws: NumPyError.dataLengthMismatch(expected: 8, actual: 4)) {
    try NumPyArray(elementType: .float32, shape: [2], bytes: [0, 0, 0, 0])
  }
}

@Test func rejectsFilesThatAreNotNumPy() {
  #expect(throws: NumPyError.notNumPy) { try NumPyArray(npy: Array("PK\u{3}\u{4} not numpy".utf8)) }
  #expect(throws: NumPyError.notNumPy) { try NumPyArray(npy: [0x93] + Array("NUMP".utf8)) }
  // Magic and version, but the file ends inside the header length field.
  #expect(throws: NumPyError.notNumPy) { try NumPyArray(npy: [0x93] + Array("NUMPY".utf8) + [1, 0, 0x76]) }
}

@Test func rejectsUnknownVersions() {
  var file = numpyFile("{'descr': '|i1', 'fortran_order': False, 'shape': (1,), }", spaces: 0, data: [1])
  file[6] = 4
  #expect(throws: NumPyError.unsupportedVersion(major: 4, minor: 0)) { try NumPyArray(npy: file) }
  file[6] = 1
  file[7] = 1
  #expect(throws: NumPyError.unsupportedVersion(major: 1, minor: 1)) { try NumPyArray(npy: file) }
}

@Test func rejectsAHeaderLongerThanTheFile() {
  let file = numpyFile("{'descr': '|i1', 'fortran_order': False, 'shape': (1,), }", spaces: 4, data: [])
  let cut = Array(file.dropLast(10))
  #expect(throws: NumPyError.truncatedHeader(declared: file.count - 10, available: cut.count - 10)) {
    try NumPyArray(npy: cut)
  }
}

/// Each malformed header with the specific error it must give.
private let malformedHeaders: [(String, NumPyError)] = [
  ("'descr': '|i1'}", .malformedHeader(offset: 0, reason: "expected '{'")),
  (
    "{'descr': '|i1', 'fortran_order': False, 'shape': (1,), ",
    .malformedHeader(offset: 57, reason: "expected a quoted string")
  ),
  ("{'descr: '|i1'}", .malformedHeader(offset: 10, reason: "expected ':'")),
  ("{'descr': '|i1", .malformedHeader(offset: 15, reason: "unterminated string")),
  ("{'descr': '|\\i1'}", .malformedHeader(offset: 12, reason: "escapes in strings are not supported")),
  ("{'descr': '|i1', 'fortran_order': false}", .malformedHeader(offset: 34, reason: "expected True or False")),
  ("{'shape': (3)}", .malformedHeader(offset: 12, reason: "a one-element tuple needs a trailing comma")),
  ("{'shape': (3, -1)}", .malformedHeader(offset: 14, reason: "expected a non-negative integer")),
  ("{'shape': [3]}", .malformedHeader(offset: 10, reason: "expected '('")),
  ("{'shape': (3, 4}", .malformedHeader(offset: 15, reason: "expected ')'")),
  ("{'descr': '|i1' 'shape': (1,)}", .malformedHeader(offset: 16, reason: "expected '}'")),
  (
    "{'descr': '|i1', 'fortran_order': False, 'shape': (1,)} x",
    .malformedHeader(offset: 56, reason: "unexpected text after the dict")
  ),
  ("{'descr': '|i1', 'fortran_order': False, 'shape': (1,), 'extra': 1}", .unexpectedKey("extra")),
  ("{'descr': '|i1', 'descr': '|i1'}", .unexpectedKey("descr")),
  ("{'fortran_order': False, 'shape': (1,)}", .missingKey("descr")),
  ("{'descr': '|i1', 'shape': (1,)}", .missingKey("fortran_order")),
  ("{'descr': '|i1', 'fortran_order': False}", .missingKey("shape")),
  ("{'descr': '>i4', 'fortran_order': False, 'shape': (1,)}", .unsupportedDescr(">i4")),
  ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)}", .unsupportedDescr("<f8")),
  ("{'descr': '|O', 'fortran_order': False, 'shape': (1,)}", .unsupportedDescr("|O")),
  ("{'descr': '|i1', 'fortran_order': True, 'shape': (1,)}", .fortranOrder),
  ("{'descr': '|i1', 'fortran_order': False, 'shape': (99999999999999999999,)}", .shapeTooLarge),
  ("{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776, 1099511627776)}", .shapeTooLarge),
]

@Test(arguments: malformedHeaders)
func rejectsMalformedHeadersSpecifically(header: String, error: NumPyError) {
  let file = numpyFile(header, spaces: 0, data: [1])
  #expect(throws: error) { try NumPyArray(npy: file) }
}

@Test func rejectsDataOfTheWrongLength() {
  let header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }"
  #expect(throws: NumPyError.dataLengthMismatch(expected: 16, actual: 15)) {
    try NumPyArray(npy: numpyFile(header, spaces: 4, data: [UInt8](repeating: 0, count: 15)))
  }
  #expect(throws: NumPyError.dataLengthMismatch(expected: 16, actual: 17)) {
    try NumPyArray(npy: numpyFile(header, spaces: 4, data: [UInt8](repeating: 0, count: 17)))
  }
}

@Test func errorsDescribeTheirCause() {
  #expect(NumPyError.unsupportedDescr(">i4").description == ".npy header: unsupported descr '>i4'")
  #expect(
    NumPyError.dataLengthMismatch(expected: 16, actual: 15).description
      == ".npy data: shape needs 16 bytes, file has 15")
}
