import CPlatform

/// An open file descriptor that this object owns: closed by `close()` or, failing that, when the object is
/// deinitialized. Concurrent reads and writes are as safe as the system calls; closing must wait until no other
/// thread uses the descriptor.
public final class FileDescriptor: @unchecked Sendable {
  /// The descriptor number; -1 once closed.
  public private(set) var rawValue: Int32

  /// Takes ownership of `rawValue`, which must be an open descriptor.
  public init(owning rawValue: Int32) {
    precondition(rawValue >= 0, "FileDescriptor needs an open descriptor")
    self.rawValue = rawValue
  }

  deinit {
    if rawValue >= 0 { _ = systemClose(rawValue) }
  }

  /// Descriptor 1. Process-wide and never deinitialized; do not close it.
  public static let standardOutput = FileDescriptor(owning: 1)
  /// Descriptor 2. Process-wide and never deinitialized; do not close it.
  public static let standardError = FileDescriptor(owning: 2)

  /// How the file is opened for reading and writing.
  public enum AccessMode: Sendable {
    case readOnly, writeOnly, readWrite
  }

  /// Flags for `open`; close-on-exec is always set.
  public struct Options: OptionSet, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static var create: Options { Options(rawValue: O_CREAT) }
    /// With `create`: fail with EEXIST if the file exists.
    public static var exclusive: Options { Options(rawValue: O_EXCL) }
    public static var truncate: Options { Options(rawValue: O_TRUNC) }
    public static var append: Options { Options(rawValue: O_APPEND) }
    /// Fail with ENOTDIR unless the path names a directory.
    public static var directory: Options { Options(rawValue: O_DIRECTORY) }
    /// Fail with ELOOP if the last path component is a symbolic link.
    public static var noFollow: Options { Options(rawValue: O_NOFOLLOW) }
    public static var nonBlocking: Options { Options(rawValue: O_NONBLOCK) }
  }

  /// Opens or creates the file at `path`.
  /// The corresponding C function is `open`.
  public static func open(
    atPath path: some PathRepresentable, _ access: AccessMode, options: Options = [], mode: UInt32 = 0o600
  ) throws(Errno) -> FileDescriptor {
    let accessFlags: Int32
    switch access {
    case .readOnly: accessFlags = O_RDONLY
    case .writeOnly: accessFlags = O_WRONLY
    case .readWrite: accessFlags = O_RDWR
    }
    let flags = accessFlags | options.rawValue | O_CLOEXEC
    let descriptor = try path.withPathCString { path in
      retryingInterrupts { cplatform_open(path, flags, mode_t(mode)) }
    }.get()
    return FileDescriptor(owning: descriptor)
  }

  /// Reads at most `buffer.count` bytes; returns how many were read, 0 at end of file.
  /// The corresponding C function is `read`.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
    try retryingInterrupts { systemRead(rawValue, buffer.baseAddress, buffer.count) }.get()
  }

  /// Reads until end of file. Throws EFBIG (`Errno.fileTooLarge`) if there are more than `limit` bytes.
  /// The corresponding C function is `read`.
  public func readToEnd(limit: Int) throws(Errno) -> [UInt8] {
    precondition(limit >= 0, "negative read limit")
    var bytes: [UInt8] = []
    let chunk = 64 * 1024
    while true {
      // Ask for one byte more than the limit allows, so that a file of exactly `limit` bytes is accepted.
      let wanted = min(chunk, limit + 1 - bytes.count)
      let start = bytes.count
      bytes.append(contentsOf: repeatElement(0, count: wanted))
      // Array's closure-taking methods rethrow untyped errors, so the result crosses them as a Result.
      let count = try bytes.withUnsafeMutableBytes { all in
        Result { () throws(Errno) in
          try read(into: UnsafeMutableRawBufferPointer(rebasing: all[start..<start + wanted]))
        }
      }.get()
      bytes.removeLast(wanted - count)
      if count == 0 { return bytes }
      if bytes.count > limit { throw .fileTooLarge }
    }
  }

  /// Reads until end of file, like `readToEnd(limit:)`, into one array allocated for `expectedSize` bytes (the
  /// file's size from `fstat`): while the file does not grow, its bytes are neither zero-filled first nor copied
  /// as the array grows. Each piece read (at most 64 KiB) is handed to `body` as it arrives, while it is still in
  /// the cache, e.g. to hash the file in the same pass.
  /// The corresponding C function is `read`.
  public func readToEnd(
    limit: Int, expectedSize: Int, eachPiece body: (UnsafeRawBufferPointer) -> Void
  ) throws(Errno) -> [UInt8] {
    precondition(limit >= 0, "negative read limit")
    // One byte more than expected: a full array means the file is longer than expected.
    let capacity = min(max(expectedSize, 0), limit) + 1
    var failure: Errno?
    var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
      let all = UnsafeMutableRawBufferPointer(buffer)
      while count < capacity {
        let piece = UnsafeMutableRawBufferPointer(rebasing: all[count..<min(capacity, count + 64 * 1024)])
        let read: Int
        switch Result(catching: { () throws(Errno) in try self.read(into: piece) }) {
        case .success(let count): read = count
        case .failure(let error):
          failure = error
          return
        }
        if read == 0 { return }
        body(UnsafeRawBufferPointer(rebasing: piece[0..<read]))
        count += read
      }
    }
    if let failure { throw failure }
    guard bytes.count == capacity else { return bytes }
    // Longer than expected: over the limit, or it grew since `fstat`; the rest is read the growing way.
    guard bytes.count <= limit else { throw .fileTooLarge }
    let rest = try readToEnd(limit: limit - bytes.count)
    rest.withUnsafeBytes { body($0) }
    bytes += rest
    return bytes
  }

  /// Writes at most `buffer.count` bytes; returns how many were written.
  /// The corresponding C function is `write`.
  public func write(_ buffer: UnsafeRawBufferPointer) throws(Errno) -> Int {
    try retryingInterrupts { systemWrite(rawValue, buffer.baseAddress, buffer.count) }.get()
  }

  /// Writes all of `buffer`, continuing after short writes.
  /// The corresponding C function is `write`.
  public func writeAll(_ buffer: UnsafeRawBufferPointer) throws(Errno) {
    var offset = 0
    while offset < buffer.count {
      offset += try write(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
    }
  }

  /// Writes all of `bytes`, continuing after short writes.
  /// The corresponding C function is `write`.
  public func writeAll(_ bytes: [UInt8]) throws(Errno) {
    try bytes.withUnsafeBytes { buffer in Result { () throws(Errno) in try writeAll(buffer) } }.get()
  }

  /// Flushes the file's data and metadata to the storage device.
  /// The corresponding C function is `fsync`.
  public func sync() throws(Errno) {
    try nothingOrErrno(retrying: { systemFsync(rawValue) }).get()
  }

  /// Takes an exclusive advisory lock on the open file (or directory) without waiting; returns false if another
  /// open file description holds it. The lock lasts until the descriptor is closed, and the kernel drops it when
  /// the process dies, so a crash never leaves it behind.
  /// The corresponding C function is `flock`.
  public func tryLockExclusive() throws(Errno) -> Bool {
    switch nothingOrErrno(retrying: { flock(rawValue, LOCK_EX | LOCK_NB) }) {
    case .success: return true
    case .failure(let error) where error == .resourceTemporarilyUnavailable: return false
    case .failure(let error): throw error
    }
  }

  /// The status of the open file.
  /// The corresponding C function is `fstat`.
  public func status() throws(Errno) -> FileStatus {
    var status = stat()
    try nothingOrErrno(retrying: { fstat(rawValue, &status) }).get()
    return FileStatus(status)
  }

  /// Closes the descriptor now. Not retried after EINTR: Linux has released the descriptor by then.
  /// The corresponding C function is `close`.
  public func close() throws(Errno) {
    precondition(rawValue >= 0, "FileDescriptor closed twice")
    let descriptor = rawValue
    rawValue = -1
    try nothingOrErrnoNotRetried({ systemClose(descriptor) }).get()
  }
}
