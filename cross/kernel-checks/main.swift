// The kernel checks' runner for device builds (cross/test-kernels compiles it, the checks under
// Tests/InferenceTests/Kernels/Checks and Sources/Inference into one Embedded program): runs every check,
// prints each one's result and exits with status 1 if any failed.

@_silgen_name("exit")
func exit(_ status: Int32) -> Never

/// Runs every check and prints its result; the number of checks that failed.
func runKernelChecks() -> Int {
  var failed = 0
  for check in kernelChecks {
    var report = KernelReport()
    do { try check.run(&report) } catch { report.failures.append("the model was refused: " + error.description) }
    if report.failures.isEmpty {
      print("ok     " + check.name)
    } else {
      failed += 1
      print("FAILED " + check.name)
      for failure in report.failures.prefix(5) { print("       " + failure) }
      if report.failures.count > 5 { print("       and " + String(report.failures.count - 5) + " more") }
    }
  }
  print(String(kernelChecks.count - failed) + " kernel checks passed, " + String(failed) + " failed")
  return failed
}

exit(runKernelChecks() == 0 ? 0 : 1)
