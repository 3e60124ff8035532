import Foundation
import Platform
import Testing

@Test func residentSizeGrowsWithTouchedMemory() throws {
  let before = try ProcessResources.current()
  let size = 64 * 1024 * 1024
  let memory = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
  defer { memory.deallocate() }
  memory.initializeMemory(as: UInt8.self, repeating: 1, count: size)
  let after = try ProcessResources.current()
  #expect(after.residentBytes - before.residentBytes > size / 2)
  #expect(after.peakResidentBytes >= after.residentBytes / 2)
  #expect(after.userCPUNanoseconds + after.systemCPUNanoseconds > 0)
}

/// Read-only: the tests run in parallel threads, and setenv beside another thread's getenv is undefined behaviour
/// (the tests that set variables run in processes of their own).
@Test func environmentVariableReadsTheEnvironment() throws {
  let environment = ProcessInfo.processInfo.environment
  try #require(environment["PATH"] != nil, "the test runs without PATH")
  for (name, value) in environment {
    #expect(environmentVariable(name) == value, "\(name)")
  }
  let unset = "EDGEDIAG_UNSET_" + UUID().uuidString.replacingOccurrences(of: "-", with: "_")
  #expect(environment[unset] == nil)
  #expect(environmentVariable(unset) == nil)
  #expect(processID == ProcessInfo.processInfo.processIdentifier)
}
