import Foundation

/// Runs a program to completion; its exit status, standard output and standard error.
///
/// Not for a program that leaves a child running (`setsid -f`, `&`): Foundation learns of the exit through a
/// socket the program inherits, and the output pipe is inherited too, so `run` waits for every process that still
/// holds either. `startDetached` starts a program that is to outlive the call.
public func run(_ executable: String, _ arguments: String...) throws -> (status: Int32, output: String, errors: String)
{
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  // Standard error goes to a file, so that a chatty program cannot block on one pipe while this reads the other.
  let errorsPath = NSTemporaryDirectory() + "edgediag-stderr-" + UUID().uuidString
  _ = FileManager.default.createFile(atPath: errorsPath, contents: nil)
  defer { try? FileManager.default.removeItem(atPath: errorsPath) }
  let output = Pipe()
  process.standardOutput = output
  process.standardError = FileHandle(forWritingAtPath: errorsPath)
  try process.run()
  let outputData = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let errors = try String(contentsOfFile: errorsPath, encoding: .utf8)
  return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), errors)
}

/// Runs `command` with /bin/sh; its exit status.
public func shell(_ command: String) throws -> Int32 {
  try run("/bin/sh", "-c", command).status
}
