import CPlatform

/// A C library error number, thrown by the typed wrappers in this module.
public struct Errno: Error, Equatable, Sendable, CustomStringConvertible {
  public var rawValue: Int32

  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// The calling thread's current `errno`.
  public static var current: Errno { Errno(rawValue: cplatform_errno()) }

  /// The C library's message for this error, e.g. "No such file or directory".
  public var description: String { String(cString: strerror(rawValue)) }
}
