import CPlatform

// The bottom layer under every public wrapper: run a call that reports failure as -1 plus errno, retry it when
// a signal interrupted it, and turn the rest into `Result`. EBADF and EFAULT mean this process passed a closed
// descriptor or a bad pointer, a bug rather than a condition of the environment, so they stop the process.

/// Runs `call` until it is not interrupted; failure is a return of -1 with `errno` set.
@inline(__always)
func retryingInterrupts<Value: FixedWidthInteger>(_ call: () -> Value) -> Result<Value, Errno> {
  while true {
    let value = call()
    if value != -1 { return .success(value) }
    let error = Errno.current
    if error == .interrupted { continue }
    preconditionNotProgrammerError(error)
    return .failure(error)
  }
}

/// Like `retryingInterrupts`, for calls whose only result is success or failure.
@inline(__always)
func nothingOrErrno<Value: FixedWidthInteger>(retrying call: () -> Value) -> Result<Void, Errno> {
  retryingInterrupts(call).map { _ in () }
}

/// For calls that must not be retried (close: Linux releases the descriptor even when interrupted).
@inline(__always)
func nothingOrErrnoNotRetried<Value: FixedWidthInteger>(_ call: () -> Value) -> Result<Void, Errno> {
  if call() != -1 { return .success(()) }
  let error = Errno.current
  preconditionNotProgrammerError(error)
  return .failure(error)
}

/// For the pthread calls, which return the error number instead of setting `errno`.
@inline(__always)
func nothingOrErrno(returned code: Int32) -> Result<Void, Errno> {
  code == 0 ? .success(()) : .failure(Errno(rawValue: code))
}

@inline(__always)
func preconditionNotProgrammerError(_ error: Errno) {
  precondition(error != .badFileDescriptor, "a closed or invalid file descriptor was used")
  precondition(error != .badAddress, "a bad pointer was passed to the C library")
}

// One-line calls into the C library under names of their own, so that methods named like the C functions
// (`FileDescriptor.read`, `rename(atPath:to:)`) can still reach them.
@inline(__always) func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, buffer, count)
}
@inline(__always) func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, buffer, count)
}
@inline(__always) func systemClose(_ fd: Int32) -> Int32 { close(fd) }
@inline(__always) func systemFsync(_ fd: Int32) -> Int32 { fsync(fd) }

@inline(__always) func systemRename(_ source: UnsafePointer<CChar>, _ destination: UnsafePointer<CChar>) -> Int32 {
  rename(source, destination)
}
