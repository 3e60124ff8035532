/// A FlatBuffer value tree for tests. `serialize` lays it out front to back, each child after its parent, so
/// every `uoffset` is positive and each vtable sits just before its table. `tagged` nodes record their
/// position so a test can corrupt exactly that object afterwards.
indirect enum FlatNode {
  /// A table: field number → value. A union takes two fields (its type, then its value).
  case table([(field: Int, value: FlatField)])
  /// A vector of scalars: raw little-endian element bytes.
  case scalars(elementSize: Int, bytes: [UInt8])
  /// A vector of tables.
  case tables([FlatNode])
  case string(String)
  case tagged(String, FlatNode)

  static func int32s(_ values: [Int32]) -> FlatNode {
    .scalars(elementSize: 4, bytes: values.flatMap { littleEndian(UInt32(bitPattern: $0)) })
  }
  static func floats(_ values: [Float]) -> FlatNode {
    .scalars(elementSize: 4, bytes: values.flatMap { littleEndian($0.bitPattern) })
  }
  static func int64s(_ values: [Int64]) -> FlatNode {
    .scalars(elementSize: 8, bytes: values.flatMap { littleEndian(UInt64(bitPattern: $0)) })
  }
  static func bytes(_ values: [UInt8]) -> FlatNode { .scalars(elementSize: 1, bytes: values) }
}

indirect enum FlatField {
  case scalar([UInt8])
  case offset(FlatNode)

  static func int8(_ value: Int8) -> FlatField { .scalar([UInt8(bitPattern: value)]) }
  static func uint8(_ value: UInt8) -> FlatField { .scalar([value]) }
  static func bool(_ value: Bool) -> FlatField { .scalar([value ? 1 : 0]) }
  static func int32(_ value: Int32) -> FlatField { .scalar(littleEndian(UInt32(bitPattern: value))) }
  static func uint32(_ value: UInt32) -> FlatField { .scalar(littleEndian(value)) }
  static func uint64(_ value: UInt64) -> FlatField { .scalar(littleEndian(value)) }
  static func float(_ value: Float) -> FlatField { .scalar(littleEndian(value.bitPattern)) }
}

func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
  (0..<T.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
}

/// A serialized FlatBuffer with the positions of its tagged nodes.
struct FlatFile {
  var bytes: [UInt8]
  var tags: [String: Int]

  /// Lays out `root` as the root table of a file with identifier `identifier`.
  init(root: FlatNode, identifier: String = "TFL3") {
    var writer = FlatWriter()
    writer.bytes = [0, 0, 0, 0] + Array(identifier.utf8)
    let position = writer.write(root)
    writer.patch(0, littleEndian(UInt32(position)))
    bytes = writer.bytes
    tags = writer.tags
  }

  mutating func setUInt32(at position: Int, _ value: UInt32) {
    bytes.replaceSubrange(position..<position + 4, with: littleEndian(value))
  }

  mutating func setUInt16(at position: Int, _ value: UInt16) {
    bytes.replaceSubrange(position..<position + 2, with: littleEndian(value))
  }

  func uint16(at position: Int) -> UInt16 { UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8 }
  func int32(at position: Int) -> Int32 {
    Int32(bitPattern: (0..<4).reduce(0) { $0 | UInt32(bytes[position + $1]) << ($1 * 8) })
  }

  /// The position of the vtable of the table tagged `tag`.
  func vtable(of tag: String) -> Int { tags[tag]! - Int(int32(at: tags[tag]!)) }
}

private struct FlatWriter {
  var bytes: [UInt8] = []
  var tags: [String: Int] = [:]

  mutating func align(_ alignment: Int) {
    while bytes.count % alignment != 0 { bytes.append(0) }
  }

  mutating func patch(_ position: Int, _ value: [UInt8]) {
    bytes.replaceSubrange(position..<position + value.count, with: value)
  }

  /// Points the `uoffset` at `position` to `target`.
  mutating func link(_ position: Int, to target: Int) {
    patch(position, littleEndian(UInt32(target - position)))
  }

  mutating func write(_ node: FlatNode) -> Int {
    switch node {
    case .tagged(let tag, let inner):
      let position = write(inner)
      tags[tag] = position
      return position
    case .string(let text):
      align(4)
      let position = bytes.count
      let utf8 = Array(text.utf8)
      bytes += littleEndian(UInt32(utf8.count)) + utf8 + [0]
      return position
    case .scalars(let elementSize, let elements):
      align(4)
      while (bytes.count + 4) % max(elementSize, 4) != 0 { bytes.append(0) }
      let position = bytes.count
      bytes += littleEndian(UInt32(elements.count / elementSize)) + elements
      return position
    case .tables(let elements):
      align(4)
      let position = bytes.count
      bytes += littleEndian(UInt32(elements.count))
      let slots = elements.map { _ in
        bytes += [0, 0, 0, 0]
        return bytes.count - 4
      }
      for (slot, element) in zip(slots, elements) { link(slot, to: write(element)) }
      return position
    case .table(let fields):
      return writeTable(fields)
    }
  }

  private mutating func writeTable(_ fields: [(field: Int, value: FlatField)]) -> Int {
    let slotCount = (fields.map(\.field).max() ?? -1) + 1
    align(2)
    let vtable = bytes.count
    bytes += [UInt8](repeating: 0, count: 4 + 2 * slotCount)
    align(8)
    let table = bytes.count
    bytes += littleEndian(Int32(table - vtable))
    var children: [(slot: Int, node: FlatNode)] = []
    for (field, value) in fields {
      let size: Int
      switch value {
      case .scalar(let scalar): size = scalar.count
      case .offset: size = 4
      }
      align(size)
      patch(vtable + 4 + 2 * field, littleEndian(UInt16(bytes.count - table)))
      switch value {
      case .scalar(let scalar): bytes += scalar
      case .offset(let node):
        children.append((bytes.count, node))
        bytes += [0, 0, 0, 0]
      }
    }
    patch(vtable, littleEndian(UInt16(4 + 2 * slotCount)))
    patch(vtable + 2, littleEndian(UInt16(bytes.count - table)))
    for (slot, node) in children { link(slot, to: write(node)) }
    return table
  }
}
