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
