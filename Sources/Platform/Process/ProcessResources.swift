import CPlatform

/// What this process uses of the machine, for status lines and the health check.
public struct ProcessResources: Equatable, Sendable {
  /// Resident set size now, in bytes.
  public var residentBytes: Int
  /// The largest resident set size of this program so far, in bytes.
  public var peakResidentBytes: Int
  /// CPU time spent in user mode, all threads.
  public var userCPUNanoseconds: Int64
  /// CPU time spent in the kernel on this process's behalf, all threads.
  public var systemCPUNanoseconds: Int64

  public init(residentBytes: Int, peakResidentBytes: Int, userCPUNanoseconds: Int64, systemCPUNanoseconds: Int64) {
    self.residentBytes = residentBytes
    self.peakResidentBytes = peakResidentBytes
    self.userCPUNanoseconds = userCPUNanoseconds
    self.systemCPUNanoseconds = systemCPUNanoseconds
  }

  /// Measures the calling process. The current resident size comes from /proc/self/statm and the peak from
  /// the `VmHWM` line of /proc/self/status (both still visible under `ProcSubset=pid`): getrusage's
  /// `ru_maxrss` also counts the image the process replaced with exec, e.g. a Python benchmark's 40 MB.
  /// The corresponding C functions are `getrusage` (CPU times) and `read` of the two files.
  public static func current() throws(Errno) -> ProcessResources {
    var usage = rusage()
    try nothingOrErrno(retrying: { getrusage(RUSAGE_SELF.rawValue, &usage) }).get()
    let statm = try readFile(atPath: "/proc/self/statm", limit: 4096)
    // Fields: size resident shared text lib data dt, in pages.
    let fields = statm.split(separator: UInt8(ascii: " "))
    guard fields.count >= 2, let residentPages = decimal(fields[1]) else { throw Errno.invalidArgument }
    let residentBytes = residentPages * Int(sysconf(Int32(_SC_PAGESIZE)))
    let status = try readFile(atPath: "/proc/self/status", limit: 16384)
    return ProcessResources(
      residentBytes: residentBytes,
      peakResidentBytes: max(kibibytes(of: "VmHWM:", in: status).map { $0 * 1024 } ?? residentBytes, residentBytes),
      userCPUNanoseconds: nanoseconds(usage.ru_utime),
      systemCPUNanoseconds: nanoseconds(usage.ru_stime))
  }

  /// The value of a "NAME:   N kB" line of /proc/self/status.
  private static func kibibytes(of name: String, in status: [UInt8]) -> Int? {
    let key = Array(name.utf8)
    for line in status.split(separator: UInt8(ascii: "\n")) where line.starts(with: key) {
      let digits = line.dropFirst(key.count).drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
      return decimal(digits.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    }
    return nil
  }

  private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
    guard !digits.isEmpty else { return nil }
    var value = 0
    for digit in digits {
      guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(digit - UInt8(ascii: "0"))
    }
    return value
  }

  private static func nanoseconds(_ time: timeval) -> Int64 {
    Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_usec) * 1000
  }
}
