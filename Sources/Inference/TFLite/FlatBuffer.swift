/// A bounds-checked view of FlatBuffer bytes. Every read of file-controlled data first proves that the bytes it
/// touches lie inside the file, with overflow-checked arithmetic, so any input yields a `ModelError`, never a
/// trap. Layout facts used here (flatbuffers.dev, "FlatBuffers internals"): little-endian scalars; a `uoffset`
/// is an unsigned 32-bit distance forward from where it is stored; a table starts with a signed 32-bit distance
/// back to its vtable; vectors and strings start with a 32-bit element count, and strings end with a zero byte.
/// Reads throw a `FlatFault`, which the `what`-taking entry points name.
struct FlatBuffer {
  let bytes: [UInt8]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// The end of `count` bytes starting at `start`, or nil when they do not lie inside the file.
  func end(of count: Int, at start: Int) -> Int? {
    guard start >= 0, count >= 0 else { return nil }
    let (end, overflow) = start.addingReportingOverflow(count)
    guard !overflow, end <= bytes.count else { return nil }
    return end
  }

  /// Throws `.outOfBounds` unless `count` bytes at `start` lie inside the file.
  func require(_ count: Int, at start: Int) throws(FlatFault) {
    guard end(of: count, at: start) != nil else { throw .outOfBounds() }
  }

  /// The position a `uoffset` stored at `position` refers to; `position..<position+4` must be in bounds.
  func target(ofOffsetAt position: Int) throws(FlatFault) -> Int {
    guard let distance = Int(exactly: uint32(at: position)),
      case (let target, false) = position.addingReportingOverflow(distance), target < bytes.count
    else { throw .outOfBounds() }
    return target
  }

  /// The table that starts at `position`, with its vtable checked: both inside the file, the vtable holding at
  /// least its two header fields and an even size, the table at least its vtable offset.
  func table(at position: Int) throws(FlatFault) -> FlatTable {
    try require(4, at: position)
    let back = Int(Int32(bitPattern: uint32(at: position)))
    guard case (let vtable, false) = position.subtractingReportingOverflow(back), end(of: 4, at: vtable) != nil
    else { throw .outOfBounds(" vtable") }
    let vtableSize = Int(uint16(at: vtable))
    let tableSize = Int(uint16(at: vtable + 2))
    guard vtableSize >= 4, vtableSize % 2 == 0 else { throw .malformed(" has a vtable of \(vtableSize) bytes") }
    guard end(of: vtableSize, at: vtable) != nil else { throw .outOfBounds(" vtable") }
    guard tableSize >= 4 else { throw .malformed(" has a table size of \(tableSize) bytes") }
    try require(tableSize, at: position)
    return FlatTable(buffer: self, position: position, vtable: vtable, vtableSize: vtableSize, tableSize: tableSize)
  }

  /// `table(at:)`, its fault named `what`.
  @inline(__always)
  func table(at position: Int, _ what: @autoclosure () -> String) throws(ModelError) -> FlatTable {
    try naming(what) { () throws(FlatFault) in try table(at: position) }
  }

  /// The vector whose `uoffset` is stored at `position`, with `elementSize`-byte elements all inside the file.
  func vector(ofOffsetAt position: Int, elementSize: Int) throws(FlatFault) -> FlatVector {
    let start = try target(ofOffsetAt: position)
    try require(4, at: start)
    guard let count = Int(exactly: uint32(at: start)),
      case (let byteCount, false) = count.multipliedReportingOverflow(by: elementSize),
      end(of: byteCount, at: start + 4) != nil
    else { throw .outOfBounds() }
    return FlatVector(buffer: self, start: start + 4, count: count, elementSize: elementSize)
  }

  /// The string whose `uoffset` is stored at `position`: its bytes and the terminating zero inside the file.
  func string(ofOffsetAt position: Int) throws(FlatFault) -> String {
    let characters = try vector(ofOffsetAt: position, elementSize: 1)
    let end = characters.start + characters.count
    guard end < bytes.count else { throw .outOfBounds() }
    guard bytes[end] == 0 else { throw .malformed(" is not zero-terminated") }
    return String(decoding: bytes[characters.start..<end], as: UTF8.self)
  }

  // Little-endian loads at positions already proven in bounds.

  func uint8(at position: Int) -> UInt8 { bytes[position] }

  func uint16(at position: Int) -> UInt16 {
    UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
  }

  func uint32(at position: Int) -> UInt32 {
    UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8 | UInt32(bytes[position + 2]) << 16
      | UInt32(bytes[position + 3]) << 24
  }

  func uint64(at position: Int) -> UInt64 {
    UInt64(uint32(at: position)) | UInt64(uint32(at: position + 4)) << 32
  }
}
