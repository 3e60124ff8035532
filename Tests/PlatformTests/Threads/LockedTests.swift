import Foundation
import Platform
import Testing

@Test func mutexCountsExactlyAcrossThreads() async {
  let counter = Locked(0)
  await withTaskGroup(of: Void.self) { group in
    for _ in 0..<4 {
      group.addTask { for _ in 0..<10_000 { counter.withLock { $0 += 1 } } }
    }
  }
  #expect(counter.withLock { $0 } == 40_000)
}

@Test func conditionWaitTimesOutAtItsDeadline() {
  let state = Locked(false)
  let condition = Condition()
  let start = MonotonicInstant.now
  let deadline = start.advanced(byNanoseconds: 50_000_000)
  let ran = state.withLock(waitingOn: condition, until: { $0 }, deadline: deadline, { _ in true })
  #expect(ran == nil)
  #expect(MonotonicInstant.now.nanoseconds(since: start) >= 50_000_000)
}
