import Foundation
import Pipeline
import Testing

/// How many threads are inside the gate now and at most, and how many have finished.
private final class Occupancy: @unchecked Sendable {
  private let lock = NSLock()
  private var inside = 0
  private(set) var most = 0
  private(set) var finished = 0

  func enter() {
    lock.withLock {
      inside += 1
      most = max(most, inside)
    }
  }
  func leave() { lock.withLock { inside -= 1 } }
  func finish() { lock.withLock { finished += 1 } }
  var snapshot: (most: Int, finished: Int) { lock.withLock { (most, finished) } }
}

/// `[workers] max_decodes`: however many workers decode, at most the limit do so at once, and all get through.
@Test func theDecodeGateLetsAtMostItsLimitThroughAtOnce() {
  let gate = DecodeGate()
  let occupancy = Occupancy()
  let threads = (0..<6).map { _ in
    Thread {
      for _ in 0..<5 {
        gate.withSlot(limit: 2) {
          occupancy.enter()
          Thread.sleep(forTimeInterval: 0.005)
          occupancy.leave()
        }
      }
      occupancy.finish()
    }
  }
  threads.forEach { $0.start() }
  let deadline = Date().addingTimeInterval(20)
  while occupancy.snapshot.finished < threads.count && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
  #expect(occupancy.snapshot.finished == threads.count)
  #expect(occupancy.snapshot.most == 2)
}
