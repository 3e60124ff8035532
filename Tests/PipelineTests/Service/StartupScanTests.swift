import Foundation
import Systemd
import TestSupport
import Testing

extension ServiceTests {
  /// Captures that are already in the folder when the daemon starts (it was stopped, or restarted by the
  /// watchdog) are found by the start-up scan and processed without waiting for any later event.
  @Suite struct StartupScanTests {
    init() throws { try ensureJournald() }

    @Test func capturesPresentAtStartAreProcessedWithoutFurtherEvents() throws {
      // No notification socket and no watchdog: nothing but the captures themselves wakes the main loop.
      let daemon = try ServiceDaemon(notify: false, startImmediately: false)
      try daemon.drop("IMG_0001.jpg", goodCapture())
      try daemon.drop("IMG_0002.jpg", truncatedCapture())
      try daemon.start()
      let entries = try daemon.waitForJournal([.captureFinding, .captureRejected])
      #expect(ServiceDaemon.entries(entries, .captureFinding).count == 1, "\(entries.compactMap { $0["MESSAGE"] })")
      #expect(ServiceDaemon.entries(entries, .captureRejected).count == 1)
      #expect(daemon.stop() == 0, "\(daemon.output)")
    }
  }
}
