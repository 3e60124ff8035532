import CPlatform
import Foundation
import TestSupport
import Testing

@testable import Platform

@Suite struct EventTests {
  let directory = TemporaryDirectory()

  @Test func epollWakesOnATimerFD() throws {
    let epoll = try Epoll()
    let timer = try TimerFD()
    try epoll.add(timer.descriptor.rawValue, events: .readable, data: 42)
    #expect(try epoll.wait(timeoutMilliseconds: 0).isEmpty)

    let start = MonotonicInstant.now
    try timer.arm(afterNanoseconds: 20_000_000)
    let ready = Array(try epoll.wait(timeoutMilliseconds: 2000))
    #expect(ready == [Epoll.Event(events: .readable, data: 42)])
    #expect(MonotonicInstant.now.nanoseconds(since: start) >= 20_000_000)
    #expect(try timer.readExpirations() == 1)
  }

  @Test func periodicTimerCountsExpirationsAndDisarms() throws {
    let timer = try TimerFD(nonBlocking: true)
    #expect(try timer.readExpirations() == 0)
    try timer.arm(afterNanoseconds: 1_000_000, intervalNanoseconds: 1_000_000)
    usleep(50_000)
    #expect(try timer.readExpirations() >= 10)
    try timer.disarm()
    #expect(try timer.readExpirations() == 0)
  }

  @Test func epollModifyAndRemove() throws {
    let epoll = try Epoll()
    let timer = try TimerFD()
    try timer.arm(afterNanoseconds: 1)
    try epoll.add(timer.descriptor.rawValue, events: .readable, data: 1)
    try epoll.modify(timer.descriptor.rawValue, events: .readable, data: 2)
    #expect(try epoll.wait(timeoutMilliseconds: 1000).map(\.data) == [2])
    try epoll.remove(timer.descriptor.rawValue)
    #expect(try epoll.wait(timeoutMilliseconds: 0).isEmpty)
    #expect(throws: Errno.noSuchFileOrDirectory) { try epoll.remove(timer.descriptor.rawValue) }
  }

  @Test func inotifySeesCloseWriteAndMovedTo() throws {
    let inotify = try Inotify(nonBlocking: true)
    let watch = try inotify.addWatch(atPath: directory.path, mask: [.closeWrite, .movedTo, .onlyDirectory])
    #expect(try inotify.readEvents().isEmpty)

    let file = try FileDescriptor.open(atPath: directory.file("IMG_0001.jpg"), .writeOnly, options: .create)
    try file.writeAll([0xFF, 0xD8])
    try file.close()
    try writeFileAtomically(atPath: directory.file("IMG_0002.jpg"), bytes: [0xFF, 0xD8])

    let events = try inotify.readEvents()
    #expect(events.count == 3)
    #expect(events.first == InotifyEvent(watch: watch, mask: .closeWrite, cookie: 0, name: "IMG_0001.jpg"))
    // The atomic write closes its temporary file, then renames it into place.
    #expect(events.dropFirst().first?.mask == .closeWrite)
    #expect(events.dropFirst().first?.name.text?.hasPrefix(".IMG_0002.jpg.tmp-") == true)
    #expect(events.last?.mask == .movedTo)
    #expect(events.last?.name == "IMG_0002.jpg")
    #expect(events.last?.cookie != 0)

    try inotify.removeWatch(watch)
    #expect(try inotify.readEvents().map(\.mask) == [.ignored])
    #expect(throws: Errno.notDirectory) {
      try inotify.addWatch(atPath: directory.file("IMG_0001.jpg"), mask: [.closeWrite, .onlyDirectory])
    }
  }

  @Test func inotifyParsesQueueOverflowAndPaddedNames() {
    // An overflow record (watch -1, no name) followed by a name padded with NULs to 16 bytes, as the kernel writes.
    var bytes: [UInt8] = []
    func append<T>(_ value: T) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }
    append(Int32(-1))
    append(UInt32(IN_Q_OVERFLOW))
    append(UInt32(0))
    append(UInt32(0))
    append(Int32(3))
    append(UInt32(IN_MOVED_TO))
    append(UInt32(9))
    append(UInt32(16))
    bytes.append(contentsOf: Array("a.jpg".utf8) + Array(repeating: 0, count: 11))
    append(Int32(3))  // a truncated trailing header is dropped, not read past
    let events = bytes.withUnsafeBytes { Inotify.parse($0) }
    #expect(
      events == [
        InotifyEvent(watch: -1, mask: .queueOverflow, cookie: 0, name: ""),
        InotifyEvent(watch: 3, mask: .movedTo, cookie: 9, name: "a.jpg"),
      ])
  }

  @Test func inotifyKeepsTheBytesOfNamesThatAreNotUTF8() {
    var bytes: [UInt8] = []
    func append<T>(_ value: T) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }
    append(Int32(1))
    append(UInt32(IN_CLOSE_WRITE))
    append(UInt32(0))
    append(UInt32(16))
    let name = Array("caf".utf8) + [0xE9, 0xFF] + Array(".jpg".utf8)
    bytes.append(contentsOf: name + Array(repeating: 0, count: 16 - name.count))
    let events = bytes.withUnsafeBytes { Inotify.parse($0) }
    #expect(events == [InotifyEvent(watch: 1, mask: .closeWrite, cookie: 0, name: FilePath(bytes: name))])
  }

  @Test func signalFDReceivesARaisedSIGHUP() throws {
    // On a thread of its own: the blocked mask stays with that thread and ends with it.
    let received = Locked<SignalInfo?>(nil)
    let thread = try Platform.Thread(name: "signals") {
      let signals = try! SignalFD(signals: [.hangUp, .terminate, .interrupt], nonBlocking: true)
      precondition(try! signals.read() == nil)
      raise(SIGHUP)
      let info = try! signals.read()
      received.withLock { $0 = info }
    }
    thread.join()
    let info = received.withLock { $0 }
    #expect(info?.signal == .hangUp)
    #expect(info?.senderProcess == getpid())
    #expect(info?.senderUser == getuid())
  }
}
