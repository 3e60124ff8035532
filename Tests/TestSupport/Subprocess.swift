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

/// Runs `command` with /bin/sh, its output discarded; its exit status (the signal's number if one ended it).
///
/// Waited for with `waitpid` on the shell's process id, so the wait ends when the shell exits, whatever the command
/// leaves running with descriptors it inherited (`Process.waitUntilExit` can wait on those too). Long-lived
/// programs are started with `startDetached`, which closes them.
public func shell(_ command: String) throws -> Int32 {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let words: [String] = ["/bin/sh", "-c", command]
  let arguments = words.map { strdup($0) } + [nil]
  defer { for argument in arguments { free(argument) } }
  var child: pid_t = 0
  let spawned = posix_spawn(&child, "/bin/sh", &actions, nil, arguments, environ)
  guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
  var status: Int32 = 0
  while waitpid(child, &status, 0) < 0 {
    guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
  }
  // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
  return status & 0x7f == 0 ? (status >> 8) & 0xff : status & 0x7f
}
