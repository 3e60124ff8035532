import Foundation
import Pipeline
import TestSupport
import Testing

extension ServiceTests {
  /// `STATUS=` is updated at most every `Daemon.statusIntervalNanoseconds`, yet always ends up telling the truth:
  /// after a burst of captures, and after the forwarder drains the outbox with no capture arriving.
  @Suite struct StatusTests {
    init() throws { try ensureJournald() }

    @Test func statusFollowsABurstAndTheOutboxDrainingAtALimitedRate() throws {
      // The first delivery takes a second, so the burst is recorded before the outbox starts draining.
      let receiver = try TestReceiver(script: #"[{"delay": 1.0}]"#)
      let daemon = try ServiceDaemon(
        settings: "[forward]\nurl = \(receiver.url)\nca_file = \(TestReceiver.caFile)\n")
      let notify = try #require(daemon.notify)
      let ready = try #require(notify.wait(timeout: 60, for: "READY=1"), "no READY=1: \(daemon.output)")
      let idle = "STATUS=watching \(daemon.captureFolder) · 0 done · 0 findings · queue 0 · outbox 0"
      #expect(notify.wait(after: ready, timeout: 10, for: idle) != nil, "\(notify.messages.map(\.text))")

      let count = 30
      let beforeBurst = notify.messages.count - 1
      let capture = try goodCapture()
      for index in 0..<count {
        // A JPEG comment segment after SOI makes each file distinct bytes, so each is a finding of its own
        // (the same bytes are one finding, delivered once).
        let tag = Array("IMG_\(index)".utf8)
        let distinct = capture[..<2] + [0xFF, 0xFE, 0, UInt8(2 + tag.count)] + tag + capture[2...]
        try daemon.drop("IMG_\(index).jpg", Array(distinct))
      }
      // Every capture is a finding; the last STATUS shows all of them recorded and, once the receiver has taken
      // them, none pending, although no capture arrives meanwhile.
      let drained =
        "STATUS=watching \(daemon.captureFolder) · \(count) done · \(count) findings · queue 0 · outbox 0"
      let last = try #require(
        notify.wait(after: beforeBurst, timeout: 120, for: drained), "\(notify.messages.map(\.text))")
      #expect(Set(receiver.acceptedKeys()).count == count)

      // At a limited rate: one update at the start of each interval, and one at its end.
      let updates = notify.messages[(beforeBurst + 1)...last].filter { $0.text.hasPrefix("STATUS=") }
      let seconds = updates.last!.time - updates.first!.time
      let interval = Double(Daemon.statusIntervalNanoseconds) / 1e9
      #expect(
        updates.count <= Int(seconds / interval) + 2,
        "\(updates.count) STATUS updates in \(seconds) s: \(updates.map(\.text))")
      #expect(daemon.stop() == 0, "\(daemon.output)")
    }
  }
}
