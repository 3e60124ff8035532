import FuzzTargets

#if canImport(Glibc)
  import Glibc
#endif

/// libFuzzer's entry points. `tools/fuzz` links one binary for all targets; EDGEDIAG_FUZZ_TARGET picks one.
nonisolated(unsafe) var target = FuzzTarget.tflite

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  guard let name = getenv("EDGEDIAG_FUZZ_TARGET").map({ String(cString: $0) }), let chosen = FuzzTarget(rawValue: name)
  else {
    print("set EDGEDIAG_FUZZ_TARGET to one of: " + FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))
    exit(2)
  }
  target = chosen
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
  return 0
}
