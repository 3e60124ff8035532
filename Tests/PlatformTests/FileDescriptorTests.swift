import CPlatform
import TestSupport
import Testing

@testable import Platform

@Test func writeAllAndReadToEndMoveAMegabyteThroughAPipe() throws {
  var ends: [Int32] = [0, 0]
  #expect(pipe(&ends) == 0)
  let reader = FileDescriptor(owning: ends[0])
  let writer = FileDescriptor(owning: ends[1])
  let bytes = (0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 &* 31) }
  // The pipe holds 64 KiB, so the writer blocks until the reader drains it.
  let thread = try Thread(name: "pipe-writer") {
    try! writer.writeAll(bytes)
    try! writer.close()
  }
  #expect(try reader.readToEnd(limit: bytes.count) == bytes)
  thread.join()
}

@Test func openHonoursExclusiveCreation() throws {
  let directory = TemporaryDirectory()
  let path = directory.file("once")
  let file = try FileDescriptor.open(atPath: path, .readWrite, options: [.create, .exclusive])
  try file.writeAll([1, 2, 3])
  try file.sync()
  #expect(try file.status().size == 3)
  #expect(throws: Errno.fileExists) {
    try FileDescriptor.open(atPath: path, .readOnly, options: [.create, .exclusive])
  }
  #expect(throws: Errno.notDirectory) { try FileDescriptor.open(atPath: path, .readOnly, options: .directory) }
}

/// A file longer than its expected size (it grew after `fstat`) is still read whole, and every byte passes
/// through `eachPiece` once, in order; the limit holds on either path.
@Test(arguments: [0, 1000, 199_999, 200_000, 300_000])
func readToEndWithExpectedSizeReadsWholeFilesAndHandsOnEveryPiece(expectedSize: Int) throws {
  let directory = TemporaryDirectory()
  let path = directory.file("capture")
  let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 9) }
  try FileDescriptor.open(atPath: path, .writeOnly, options: [.create]).writeAll(bytes)
  var pieces: [UInt8] = []
  let read = try FileDescriptor.open(atPath: path, .readOnly).readToEnd(limit: 200_000, expectedSize: expectedSize) {
    pieces += $0
  }
  #expect(read == bytes)
  #expect(pieces == bytes)
  #expect(throws: Errno.fileTooLarge) {
    try FileDescriptor.open(atPath: path, .readOnly).readToEnd(limit: 199_999, expectedSize: expectedSize) { _ in }
  }
}
