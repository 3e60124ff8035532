/// A file system path as the kernel knows it: bytes, not text. A Linux file name may hold any byte but "/" and
/// NUL, and cameras or Windows shares write Latin-1 or CP1252 names that are not UTF-8 (`caf\xe9.jpg`); decoded
/// into a `String`, such a name would have its bytes replaced and name no file at all. A `FilePath` keeps the
/// bytes for system calls and becomes text only to be shown (`displayed`).
public struct FilePath: Hashable, Comparable, Sendable, ExpressibleByStringLiteral {
  /// The path's bytes, without a terminating NUL.
  public var bytes: [UInt8]

  public init(bytes: some Sequence<UInt8>) { self.bytes = Array(bytes) }

  /// The path spelled by `text` (its UTF-8).
  public init(_ text: String) { bytes = Array(text.utf8) }

  public init(stringLiteral text: String) { self.init(text) }

  /// The path as text if its bytes are valid UTF-8, else nil: no byte is ever replaced.
  public var text: String? { String(validating: bytes, as: UTF8.self) }

  /// The path as people should see it, one line with control characters and invalid bytes escaped
  /// (`escapedForDisplay`): for logs and listings, never for system calls.
  public var displayed: String { escapedForDisplay(bytes) }

  /// What follows the last "/" (the whole path if it has none).
  public var lastComponent: FilePath {
    guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return self }
    return FilePath(bytes: bytes[(slash + 1)...])
  }

  /// This path with `name` appended after a "/".
  public func appending(_ name: FilePath) -> FilePath {
    FilePath(bytes: bytes + [UInt8(ascii: "/")] + name.bytes)
  }

  /// Ordered by bytes, as `ls` orders names in the C locale.
  public static func < (left: FilePath, right: FilePath) -> Bool {
    left.bytes.lexicographicallyPrecedes(right.bytes)
  }
}

/// What the path-taking system call wrappers accept: a `String` (its UTF-8, as configuration spells paths) or a
/// `FilePath` (its bytes, as the kernel reported a name).
public protocol PathRepresentable {
  /// Calls `body` with the path as a NUL-terminated C string.
  func withPathCString<Result>(_ body: (UnsafePointer<CChar>) -> Result) -> Result
}

extension String: PathRepresentable {
  public func withPathCString<Result>(_ body: (UnsafePointer<CChar>) -> Result) -> Result { withCString(body) }
}

extension FilePath: PathRepresentable {
  public func withPathCString<Result>(_ body: (UnsafePointer<CChar>) -> Result) -> Result {
    (bytes + [0]).withUnsafeBufferPointer { terminated in
      terminated.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
    }
  }
}
