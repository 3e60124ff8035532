import CPlatform

/// A C library error number, thrown by the typed wrappers in this module.
public struct Errno: Error, Equatable, Sendable, CustomStringConvertible {
  public var rawValue: Int32

  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// The calling thread's current `errno`.
  public static var current: Errno { Errno(rawValue: cplatform_errno()) }

  /// The C library's message for this error, e.g. "No such file or directory".
  /// The corresponding C function is `strerror`.
  public var description: String {
    self == .notRegularFile ? "not a regular file" : String(cString: strerror(rawValue))
  }
}

// The errors callers of this module branch on; any other value is still representable through `rawValue`.
extension Errno {
  public static var noSuchFileOrDirectory: Errno { Errno(rawValue: ENOENT) }
  public static var fileExists: Errno { Errno(rawValue: EEXIST) }
  public static var notDirectory: Errno { Errno(rawValue: ENOTDIR) }
  public static var isDirectory: Errno { Errno(rawValue: EISDIR) }
  public static var permissionDenied: Errno { Errno(rawValue: EACCES) }
  public static var noSpace: Errno { Errno(rawValue: ENOSPC) }
  public static var fileTooLarge: Errno { Errno(rawValue: EFBIG) }
  public static var resourceTemporarilyUnavailable: Errno { Errno(rawValue: EAGAIN) }
  public static var interrupted: Errno { Errno(rawValue: EINTR) }
  public static var timedOut: Errno { Errno(rawValue: ETIMEDOUT) }
  public static var invalidArgument: Errno { Errno(rawValue: EINVAL) }
  public static var badFileDescriptor: Errno { Errno(rawValue: EBADF) }
  public static var badAddress: Errno { Errno(rawValue: EFAULT) }
  public static var operationNotPermitted: Errno { Errno(rawValue: EPERM) }
  public static var ioError: Errno { Errno(rawValue: EIO) }
  public static var tooManyOpenFiles: Errno { Errno(rawValue: EMFILE) }
  public static var systemFileTableFull: Errno { Errno(rawValue: ENFILE) }
  public static var outOfMemory: Errno { Errno(rawValue: ENOMEM) }
  /// Not a C error number (those are positive): a FIFO, device or socket where a regular file was needed
  /// (`openRegularFile`). C has no errno for that, and a borrowed one would say something else.
  public static var notRegularFile: Errno { Errno(rawValue: -1) }
}
