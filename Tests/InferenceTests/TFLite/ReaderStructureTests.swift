import Inference
import Testing

/// Files whose FlatBuffer structure is broken: each must throw the specific error, never read outside the file.
@Suite struct ReaderStructureTests {
  @Test func rejectsFilesTooShortForAHeader() {
    #expect(readError([]) == .notAFlatbuffer(reason: "the file has only 0 bytes"))
    #expect(readError([8, 0, 0, 0, 0x54, 0x46, 0x4C]) == .notAFlatbuffer(reason: "the file has only 7 bytes"))
  }

  @Test func rejectsAWrongFileIdentifier() {
    let file = FlatFile(root: .table([]), identifier: "TFL2")
    #expect(readError(file.bytes) == .notAFlatbuffer(reason: "the file identifier is not \"TFL3\""))
  }

  @Test func rejectsARootOffsetOutsideTheFile() {
    var file = TestModel.conv.file
    let size = file.bytes.count
    file.setUInt32(at: 0, UInt32(size - 2))
    #expect(
      readError(file.bytes) == .notAFlatbuffer(reason: "the root offset \(size - 2) lies outside the \(size)-byte file")
    )
    file.setUInt32(at: 0, 4)
    #expect(readError(file.bytes) == .notAFlatbuffer(reason: "the root offset 4 lies outside the \(size)-byte file"))
  }

  @Test func rejectsEveryTruncation() {
    // Every prefix loses bytes the reader needs (the last ones are the weights or an operator's options).
    let bytes = TestModel.conv.bytes
    for length in 0..<bytes.count {
      #expect(readError(Array(bytes[..<length])) != nil, "prefix of \(length) bytes")
    }
    #expect(readError(Array(bytes[..<(bytes.count / 2)])) == .outOfBounds(what: "the buffer list"))
  }

  @Test func rejectsAVectorLongerThanTheFile() {
    var file = TestModel.conv.file
    file.setUInt32(at: file.tags["tensors"]!, 0x0FFF_FFFF)
    #expect(readError(file.bytes) == .outOfBounds(what: "the tensor list"))
    file.setUInt32(at: file.tags["tensors"]!, 0xFFFF_FFFF)
    #expect(readError(file.bytes) == .outOfBounds(what: "the tensor list"))
  }

  @Test func rejectsAStringLongerThanTheFile() {
    var file = TestModel.conv.file
    file.setUInt32(at: file.tags["tensor 2 name"]!, UInt32(file.bytes.count))
    #expect(readError(file.bytes) == .outOfBounds(what: "tensor 2's name"))
  }

  @Test func rejectsAStringWithoutItsTerminator() {
    var file = TestModel.conv.file
    let description = file.tags["description"]!
    file.bytes[description + 4 + "test model".utf8.count] = 0x21
    #expect(readError(file.bytes) == .malformed(what: "the model description is not zero-terminated"))
  }

  @Test func rejectsAnOffsetPastTheEnd() {
    var file = TestModel.conv.file
    // The model table's first field (the version) is at offset 4 in this builder; its operator codes follow.
    let codesField = file.tags["model"]! + Int(file.uint16(at: file.vtable(of: "model") + 4 + 2 * 1))
    file.setUInt32(at: codesField, 0x7FFF_FFF0)
    #expect(readError(file.bytes) == .outOfBounds(what: "the operator code list"))
  }

  @Test func rejectsAVtableOutsideTheFile() {
    var file = TestModel.conv.file
    file.setUInt32(at: file.tags["model"]!, UInt32(bitPattern: -0x10000))
    #expect(readError(file.bytes) == .outOfBounds(what: "the model table vtable"))
    file.setUInt32(at: file.tags["model"]!, UInt32(file.tags["model"]! + 1))
    #expect(readError(file.bytes) == .outOfBounds(what: "the model table vtable"))
  }

  @Test func rejectsVtablesOfImpossibleSize() {
    var file = TestModel.conv.file
    let vtable = file.vtable(of: "subgraph")
    file.setUInt16(at: vtable, 3)
    #expect(readError(file.bytes) == .malformed(what: "subgraph 0 has a vtable of 3 bytes"))
    file.setUInt16(at: vtable, 7)
    #expect(readError(file.bytes) == .malformed(what: "subgraph 0 has a vtable of 7 bytes"))
    file.setUInt16(at: vtable, 0xFFFE)
    #expect(readError(file.bytes) == .outOfBounds(what: "subgraph 0 vtable"))
  }

  @Test func rejectsTablesOfImpossibleSize() {
    var file = TestModel.conv.file
    let vtable = file.vtable(of: "subgraph")
    file.setUInt16(at: vtable + 2, 2)
    #expect(readError(file.bytes) == .malformed(what: "subgraph 0 has a table size of 2 bytes"))
    file.setUInt16(at: vtable + 2, 6)
    #expect(readError(file.bytes) == .malformed(what: "the tensor list lies outside its table"))
  }

  @Test func rejectsAFieldOffsetInsideTheVtableOffset() {
    var file = TestModel.conv.file
    file.setUInt16(at: file.vtable(of: "subgraph") + 4, 2)
    #expect(readError(file.bytes) == .malformed(what: "the tensor list lies outside its table"))
  }

  @Test func rejectsOtherSchemaVersions() {
    var model = TestModel.conv
    model.version = 2
    #expect(readError(model.bytes) == .notAFlatbuffer(reason: "schema version 2, expected 3"))
  }

  @Test func rejectsAModelWithoutSubgraphs() {
    let file = FlatFile(root: .table([(0, .uint32(3))]))
    #expect(readError(file.bytes) == .malformed(what: "the model has no subgraph"))
    let empty = FlatFile(root: .table([(0, .uint32(3)), (2, .offset(.tables([])))]))
    #expect(readError(empty.bytes) == .malformed(what: "the model has no subgraph"))
  }

  @Test func rejectsSubgraphInputsAndOutputsOutOfRange() {
    var model = TestModel.conv
    model.inputs = [0, 6]
    #expect(
      readError(model.bytes) == .malformed(what: "subgraph input 1 refers to tensor 6, but the subgraph has 6 tensors"))
    model = TestModel.conv
    model.outputs = [-1]
    #expect(
      readError(model.bytes)
        == .malformed(what: "subgraph output 0 refers to tensor -1, but the subgraph has 6 tensors"))
    model.outputs = []
    #expect(readError(model.bytes) == .malformed(what: "the subgraph has no outputs"))
  }
}
