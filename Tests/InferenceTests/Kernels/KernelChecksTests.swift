import Testing

@testable import Inference

/// The kernel checks (Checks/) in the hosted build: the host's default kernel variant (x86_64 without VNNI on
/// CI). cross/test-kernels runs the same checks on each device variant (VNNI, NEON, sdot).
@Suite struct KernelChecksTests {
  @Test(arguments: kernelChecks.map(\.name))
  func kernelMatchesReference(check name: String) throws {
    let check = try #require(kernelChecks.first { $0.name == name })
    var report = KernelReport()
    try check.run(&report)
    #expect(report.failures.isEmpty, "\(report.failures.prefix(5).joined(separator: "\n"))")
  }

  /// Check names identify the tests: two checks under one name would run one of them twice.
  @Test func checkNamesAreUnique() {
    #expect(Set(kernelChecks.map(\.name)).count == kernelChecks.count)
  }
}
