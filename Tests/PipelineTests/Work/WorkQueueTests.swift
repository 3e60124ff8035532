import Pipeline
import Platform
import Testing

@Test func queueRefusesWhenFullAndKeepsOrder() {
  let queue = WorkQueue<Int>(capacity: 3)
  #expect((1...4).map { queue.offer($0) } == [true, true, true, false])
  #expect(queue.take() == 1)
  #expect(queue.offer(5))
  #expect(queue.drain() == [2, 3, 5])
  #expect(queue.room == 3)
}

@Test func consumersOnOtherThreadsGetEveryJobOnceAndStopWhenClosed() throws {
  let queue = WorkQueue<Int>(capacity: 8)
  let taken = Locked<[Int]>([])
  let workers = try (0..<4).map { index in
    try Thread(name: "worker-\(index)") {
      while let job = queue.take() { taken.withLock { $0.append(job) } }
    }
  }
  var next = 0
  while next < 1000 {
    if queue.offer(next) { next += 1 }
  }
  queue.close()
  for worker in workers { worker.join() }
  #expect(taken.withLock { $0.sorted() } == Array(0..<1000))
}
