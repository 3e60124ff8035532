import CPlatform

/// The process's command-line arguments, program name first. (Embedded Swift has no `CommandLine`.)
public var processArguments: [String] {
  let argv = cplatform_argv()
  return (0..<Int(cplatform_argc())).map { index in argv.flatMap { $0[index] }.map { String(cString: $0) } ?? "" }
}

/// This process's id.
/// The corresponding C function is `getpid`.
public var processID: Int32 { getpid() }
