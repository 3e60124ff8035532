/// A FlatBuffer table whose vtable and extent were checked by `FlatBuffer.table(at:_:)`. Fields are numbered as
/// in the schema (a union takes two: its type, then its value). An absent field reads as the schema default;
/// a present one must lie inside the table, so its bytes are inside the file too.
struct FlatTable {
  let buffer: FlatBuffer
  let position: Int
  let vtable: Int
  let vtableSize: Int
  let tableSize: Int

  /// A table with every field absent: what a missing optional table means to its reader.
  static func empty(in buffer: FlatBuffer) -> FlatTable {
    FlatTable(buffer: buffer, position: 0, vtable: 0, vtableSize: 0, tableSize: 0)
  }

  // The cores: each throws a `FlatFault` for the caller to name, so that one body serves every call site.

  /// The file position of `field`'s `size` bytes, or nil if the field is absent.
  func position(of field: Int, size: Int) throws(FlatFault) -> Int? {
    let entry = 4 + 2 * field
    guard entry + 2 <= vtableSize else { return nil }
    let offset = Int(buffer.uint16(at: vtable + entry))
    if offset == 0 { return nil }
    guard offset >= 4, offset + size <= tableSize else { throw .malformed(" lies outside its table") }
    return position + offset
  }

  func uint8(_ field: Int, default value: UInt8) throws(FlatFault) -> UInt8 {
    guard let at = try position(of: field, size: 1) else { return value }
    return buffer.uint8(at: at)
  }

  func uint32(_ field: Int, default value: UInt32) throws(FlatFault) -> UInt32 {
    guard let at = try position(of: field, size: 4) else { return value }
    return buffer.uint32(at: at)
  }

  func uint64(_ field: Int) throws(FlatFault) -> UInt64 {
    guard let at = try position(of: field, size: 8) else { return 0 }
    return buffer.uint64(at: at)
  }

  func table(_ field: Int) throws(FlatFault) -> FlatTable? {
    guard let at = try position(of: field, size: 4) else { return nil }
    return try buffer.table(at: buffer.target(ofOffsetAt: at))
  }

  func vector(_ field: Int, elementSize: Int) throws(FlatFault) -> FlatVector? {
    guard let at = try position(of: field, size: 4) else { return nil }
    return try buffer.vector(ofOffsetAt: at, elementSize: elementSize)
  }

  func string(_ field: Int) throws(FlatFault) -> String? {
    guard let at = try position(of: field, size: 4) else { return nil }
    return try buffer.string(ofOffsetAt: at)
  }

  func ints(_ field: Int) throws(FlatFault) -> [Int] {
    guard let vector = try vector(field, elementSize: 4) else { return [] }
    return vector.map { Int(Int32(bitPattern: vector.buffer.uint32(at: $0))) }
  }

  // The entry points: a field's reading, its fault named `what` (evaluated only on failure).

  /// The file position of `field`'s `size` bytes, or nil if the field is absent.
  @inline(__always)
  func position(of field: Int, size: Int, _ what: @autoclosure () -> String) throws(ModelError) -> Int? {
    try naming(what) { () throws(FlatFault) in try position(of: field, size: size) }
  }

  @inline(__always)
  func uint8(_ field: Int, default value: UInt8 = 0, _ what: @autoclosure () -> String) throws(ModelError) -> UInt8 {
    try naming(what) { () throws(FlatFault) in try uint8(field, default: value) }
  }

  @inline(__always)
  func int8(_ field: Int, default value: Int8 = 0, _ what: @autoclosure () -> String) throws(ModelError) -> Int8 {
    Int8(bitPattern: try uint8(field, default: UInt8(bitPattern: value), what()))
  }

  @inline(__always)
  func bool(_ field: Int, _ what: @autoclosure () -> String) throws(ModelError) -> Bool {
    try uint8(field, what()) != 0
  }

  @inline(__always)
  func uint32(_ field: Int, default value: UInt32 = 0, _ what: @autoclosure () -> String) throws(ModelError)
    -> UInt32
  {
    try naming(what) { () throws(FlatFault) in try uint32(field, default: value) }
  }

  @inline(__always)
  func int32(_ field: Int, default value: Int32 = 0, _ what: @autoclosure () -> String) throws(ModelError) -> Int32 {
    Int32(bitPattern: try uint32(field, default: UInt32(bitPattern: value), what()))
  }

  @inline(__always)
  func float32(_ field: Int, default value: Float = 0, _ what: @autoclosure () -> String) throws(ModelError) -> Float {
    Float(bitPattern: try uint32(field, default: value.bitPattern, what()))
  }

  @inline(__always)
  func uint64(_ field: Int, _ what: @autoclosure () -> String) throws(ModelError) -> UInt64 {
    try naming(what) { () throws(FlatFault) in try uint64(field) }
  }

  /// The sub-table `field` refers to, or nil if absent.
  @inline(__always)
  func table(_ field: Int, _ what: @autoclosure () -> String) throws(ModelError) -> FlatTable? {
    try naming(what) { () throws(FlatFault) in try table(field) }
  }

  /// The vector `field` refers to, or nil if absent.
  @inline(__always)
  func vector(_ field: Int, elementSize: Int, _ what: @autoclosure () -> String) throws(ModelError) -> FlatVector? {
    try naming(what) { () throws(FlatFault) in try vector(field, elementSize: elementSize) }
  }

  /// The string `field` refers to, or nil if absent.
  @inline(__always)
  func string(_ field: Int, _ what: @autoclosure () -> String) throws(ModelError) -> String? {
    try naming(what) { () throws(FlatFault) in try string(field) }
  }

  /// The `int32` vector `field` refers to, as `Int`s; empty if absent.
  @inline(__always)
  func ints(_ field: Int, _ what: @autoclosure () -> String) throws(ModelError) -> [Int] {
    try naming(what) { () throws(FlatFault) in try ints(field) }
  }
}
