import Testing

@testable import Platform

@Test func threadsCountUnderAMutexAndJoin() throws {
  let counter = Locked(0)
  let threads = try (0..<4).map { index in
    try Thread(name: "counter-\(index)") { for _ in 0..<25_000 { counter.withLock { $0 += 1 } } }
  }
  for thread in threads { thread.join() }
  #expect(counter.withLock { $0 } == 100_000)
}

@Test func threadIsNamedTruncatedTo15Bytes() throws {
  let name = Locked("")
  let thread = try Thread(name: "edgediag-worker-12") { name.withLock { $0 = Thread.currentName } }
  thread.join()
  #expect(name.withLock { $0 } == "edgediag-worker")
}

@Test func conditionHandsValuesFromProducerToConsumer() throws {
  let queue = Locked<[Int]>([])
  let notEmpty = Condition()
  let consumed = Locked<[Int]>([])
  let consumer = try Thread(name: "consumer") {
    while true {
      let next = queue.withLock(waitingOn: notEmpty, until: { !$0.isEmpty }) { $0.removeFirst() }!
      if next < 0 { return }
      consumed.withLock { $0.append(next) }
    }
  }
  for value in [1, 2, 3, -1] {
    queue.withLock { $0.append(value) }
    notEmpty.signal()
  }
  consumer.join()
  #expect(consumed.withLock { $0 } == [1, 2, 3])
}

@Test func processorCountIsPositive() {
  #expect(processorCount >= 1)
}
