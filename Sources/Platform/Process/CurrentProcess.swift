import CPlatform

/// The process's command-line arguments, program name first, as the bytes the kernel passed: an argument need not
/// be UTF-8 (a path with a Latin-1 name), and decoding it as text would replace such bytes. (Embedded Swift has no
/// `CommandLine`.)
public var processArguments: [FilePath] {
  let argv = cplatform_argv()
  return (0..<Int(cplatform_argc())).map { index in
    guard let argument = argv.flatMap({ $0[index] }) else { return FilePath(bytes: []) }
    return FilePath(bytes: UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
  }
}

/// This process's id.
/// The corresponding C function is `getpid`.
public var processID: Int32 { getpid() }
