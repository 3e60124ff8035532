import CPlatform

/// An epoll instance: one wait over many descriptors, the core of the daemon's main loop.
public final class Epoll {
  public let descriptor: FileDescriptor
  private let buffer: UnsafeMutableBufferPointer<epoll_event>

  /// What a registered descriptor is watched for, and what it became ready for.
  public struct Events: OptionSet, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static var readable: Events { Events(rawValue: EPOLLIN.rawValue) }
    public static var writable: Events { Events(rawValue: EPOLLOUT.rawValue) }
    /// Always reported; need not be requested.
    public static var error: Events { Events(rawValue: EPOLLERR.rawValue) }
    /// Always reported; need not be requested.
    public static var hangUp: Events { Events(rawValue: EPOLLHUP.rawValue) }
    public static var edgeTriggered: Events { Events(rawValue: EPOLLET.rawValue) }
    public static var oneShot: Events { Events(rawValue: EPOLLONESHOT.rawValue) }
  }

  /// A readiness report: which events, for the registration tagged `data`.
  public struct Event: Equatable, Sendable {
    public var events: Events
    public var data: UInt64

    public init(events: Events, data: UInt64) {
      self.events = events
      self.data = data
    }
  }

  /// The events of one `wait`: a view of the instance's buffer, valid until the next `wait`.
  public struct ReadyEvents: RandomAccessCollection {
    let buffer: UnsafeBufferPointer<epoll_event>
    public var startIndex: Int { 0 }
    public var endIndex: Int { buffer.count }
    public subscript(position: Int) -> Event {
      let event = buffer[position]
      return Event(events: Events(rawValue: event.events), data: event.data.u64)
    }
  }

  /// Creates an instance whose `wait` reports at most `capacity` events at a time.
  /// The corresponding C function is `epoll_create1`.
  public init(capacity: Int = 16) throws(Errno) {
    precondition(capacity > 0, "Epoll capacity must be positive")
    descriptor = FileDescriptor(owning: try retryingInterrupts { epoll_create1(Int32(EPOLL_CLOEXEC)) }.get())
    buffer = .allocate(capacity: capacity)
  }

  deinit { buffer.deallocate() }

  /// Starts watching `fd` for `events`; `data` comes back in its `Event`s.
  /// The corresponding C function is `epoll_ctl(EPOLL_CTL_ADD)`.
  public func add(_ fd: Int32, events: Events, data: UInt64) throws(Errno) {
    try control(EPOLL_CTL_ADD, fd, events: events, data: data)
  }

  /// Changes what `fd` is watched for.
  /// The corresponding C function is `epoll_ctl(EPOLL_CTL_MOD)`.
  public func modify(_ fd: Int32, events: Events, data: UInt64) throws(Errno) {
    try control(EPOLL_CTL_MOD, fd, events: events, data: data)
  }

  /// Stops watching `fd`.
  /// The corresponding C function is `epoll_ctl(EPOLL_CTL_DEL)`.
  public func remove(_ fd: Int32) throws(Errno) {
    try control(EPOLL_CTL_DEL, fd, events: [], data: 0)
  }

  /// Waits until a watched descriptor is ready or `timeoutMilliseconds` pass (-1: no timeout; 0: poll).
  /// A timeout yields no events. A signal that interrupts the wait also yields no events, rather than
  /// restarting it with the full timeout.
  /// The corresponding C function is `epoll_wait`.
  public func wait(timeoutMilliseconds: Int32 = -1) throws(Errno) -> ReadyEvents {
    let count = epoll_wait(descriptor.rawValue, buffer.baseAddress, Int32(buffer.count), timeoutMilliseconds)
    if count == -1 {
      let error = Errno.current
      guard error == .interrupted else {
        preconditionNotProgrammerError(error)
        throw error
      }
      return ReadyEvents(buffer: UnsafeBufferPointer(start: buffer.baseAddress, count: 0))
    }
    return ReadyEvents(buffer: UnsafeBufferPointer(start: buffer.baseAddress, count: Int(count)))
  }

  private func control(_ operation: Int32, _ fd: Int32, events: Events, data: UInt64) throws(Errno) {
    var event = epoll_event()
    event.events = events.rawValue
    event.data.u64 = data
    try nothingOrErrno(retrying: { epoll_ctl(descriptor.rawValue, operation, fd, &event) }).get()
  }
}
