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

@Test func environmentVariableReadsTheEnvironment() {
  setenv("EDGEDIAG_PLATFORM_TEST", "value=1", 1)
  #expect(environmentVariable("EDGEDIAG_PLATFORM_TEST") == "value=1")
  unsetenv("EDGEDIAG_PLATFORM_TEST")
  #expect(environmentVariable("EDGEDIAG_PLATFORM_TEST") == nil)
  #expect(processID == getpid())
}
