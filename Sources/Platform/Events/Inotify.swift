import CPlatform

/// One change that inotify reported.
public struct InotifyEvent: Equatable, Sendable {
  /// The watch that saw the change; -1 for `queueOverflow`.
  public var watch: Int32
  public var mask: Inotify.Mask
  /// Pairs the `movedFrom` and `movedTo` halves of one rename.
  public var cookie: UInt32
  /// The entry's name within the watched directory, as bytes (it need not be UTF-8); empty for events about the
  /// directory itself.
  public var name: FilePath

  public init(watch: Int32, mask: Inotify.Mask, cookie: UInt32, name: FilePath) {
    self.watch = watch
    self.mask = mask
    self.cookie = cookie
    self.name = name
  }
}

/// An inotify instance: file system change notifications for watched directories.
public final class Inotify {
  public let descriptor: FileDescriptor
  private var buffer: [UInt8]

  /// Which changes to watch for, and which happened.
  public struct Mask: OptionSet, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A file opened for writing was closed.
    public static var closeWrite: Mask { Mask(rawValue: UInt32(IN_CLOSE_WRITE)) }
    /// An entry was renamed into the directory.
    public static var movedTo: Mask { Mask(rawValue: UInt32(IN_MOVED_TO)) }
    /// An entry was renamed out of the directory.
    public static var movedFrom: Mask { Mask(rawValue: UInt32(IN_MOVED_FROM)) }
    public static var create: Mask { Mask(rawValue: UInt32(IN_CREATE)) }
    public static var delete: Mask { Mask(rawValue: UInt32(IN_DELETE)) }
    public static var modify: Mask { Mask(rawValue: UInt32(IN_MODIFY)) }
    /// The watched directory itself was deleted.
    public static var deleteSelf: Mask { Mask(rawValue: UInt32(IN_DELETE_SELF)) }
    /// The watched directory itself was moved.
    public static var moveSelf: Mask { Mask(rawValue: UInt32(IN_MOVE_SELF)) }
    /// With `addWatch`: fail with ENOTDIR unless the path is a directory.
    public static var onlyDirectory: Mask { Mask(rawValue: UInt32(IN_ONLYDIR)) }
    /// With `addWatch`: do not follow a symbolic link.
    public static var doNotFollow: Mask { Mask(rawValue: UInt32(IN_DONT_FOLLOW)) }
    /// Reported: the kernel's queue overflowed and events were lost; rescan.
    public static var queueOverflow: Mask { Mask(rawValue: UInt32(IN_Q_OVERFLOW)) }
    /// Reported: the watch was removed (explicitly, or because its directory went away).
    public static var ignored: Mask { Mask(rawValue: UInt32(IN_IGNORED)) }
    /// Reported: the file system holding the watch was unmounted.
    public static var unmount: Mask { Mask(rawValue: UInt32(IN_UNMOUNT)) }
    /// Reported: the entry is a directory.
    public static var isDirectory: Mask { Mask(rawValue: UInt32(IN_ISDIR)) }
  }

  /// Creates an instance. With `nonBlocking`, `readEvents` returns [] instead of waiting.
  /// The corresponding C function is `inotify_init1`.
  public init(nonBlocking: Bool = false) throws(Errno) {
    let flags = Int32(IN_CLOEXEC) | (nonBlocking ? Int32(IN_NONBLOCK) : 0)
    descriptor = FileDescriptor(owning: try retryingInterrupts { inotify_init1(flags) }.get())
    // Large enough for any single event (a header plus NAME_MAX + 1), and for a burst of them per read.
    buffer = Array(repeating: 0, count: 64 * 1024)
  }

  /// Watches `path` for `mask`; returns the watch number that its events carry.
  /// The corresponding C function is `inotify_add_watch`.
  public func addWatch(atPath path: some PathRepresentable, mask: Mask) throws(Errno) -> Int32 {
    let descriptor = descriptor.rawValue
    return try path.withPathCString { path in
      retryingInterrupts { inotify_add_watch(descriptor, path, mask.rawValue) }
    }.get()
  }

  /// Stops a watch; an `ignored` event follows.
  /// The corresponding C function is `inotify_rm_watch`.
  public func removeWatch(_ watch: Int32) throws(Errno) {
    try nothingOrErrno(retrying: { inotify_rm_watch(descriptor.rawValue, watch) }).get()
  }

  /// The events available now, waiting for at least one unless non-blocking.
  /// The corresponding C function is `read`.
  public func readEvents() throws(Errno) -> [InotifyEvent] {
    let descriptor = descriptor.rawValue
    let result = buffer.withUnsafeMutableBytes { bytes in
      retryingInterrupts { systemRead(descriptor, bytes.baseAddress, bytes.count) }
    }
    if case .failure(let error) = result, error == .resourceTemporarilyUnavailable { return [] }
    let count = try result.get()
    return buffer.withUnsafeBytes { Inotify.parse(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
  }

  /// Splits what one read returned into events. The kernel only returns whole events; a truncated tail would be
  /// a kernel bug, and is dropped rather than read past.
  static func parse(_ bytes: UnsafeRawBufferPointer) -> [InotifyEvent] {
    let headerSize = MemoryLayout<inotify_event>.size
    var events: [InotifyEvent] = []
    var offset = 0
    while offset + headerSize <= bytes.count {
      let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
      let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
      let cookie = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
      let nameLength = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
      let nameStart = offset + headerSize
      guard nameStart + nameLength <= bytes.count else { break }
      // The name is NUL-padded to an alignment boundary.
      let padded = bytes[nameStart..<nameStart + nameLength]
      let name = FilePath(bytes: padded.prefix { $0 != 0 })
      events.append(InotifyEvent(watch: watch, mask: Mask(rawValue: mask), cookie: cookie, name: name))
      offset = nameStart + nameLength
    }
    return events
  }
}
