import Synchronization
import Testing

@testable import Platform

@Suite struct WorkerPoolTests {
  /// Runs `tasks` tasks on `pool`, counting per task and checking each worker index.
  func runCounting(_ pool: WorkerPool, tasks: Int) -> [Int] {
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(tasks, 1))
    counts.initialize(repeating: 0)
    defer { counts.deallocate() }
    let badWorkers = Atomic<Int>(0)
    let width = pool.width
    pool.run(tasks) { task, worker in
      // Each task writes only its own slot, so the plain write is race-free.
      counts[task] += 1
      if worker < 0 || worker >= width { badWorkers.add(1, ordering: .relaxed) }
    }
    #expect(badWorkers.load(ordering: .relaxed) == 0)
    return Array(counts.prefix(tasks))
  }

  @Test(arguments: [1, 2, 3, 5])
  func everyTaskRunsExactlyOnce(width: Int) throws {
    let pool = try WorkerPool(width: width, name: "pool-test")
    for tasks in [0, 1, 2, width, width + 1, 7 * width + 3, 1000] {
      #expect(runCounting(pool, tasks: tasks) == [Int](repeating: 1, count: tasks), "\(tasks) tasks")
    }
  }

  @Test func onePoolServesManyRuns() throws {
    let pool = try WorkerPool(width: 3, name: "pool-test")
    let total = Atomic<Int>(0)
    for run in 0..<5000 {
      pool.run(run % 9) { task, _ in total.add(task + 1, ordering: .relaxed) }
    }
    // Sum over runs of 1 + 2 + … + (run % 9).
    let expected = (0..<5000).reduce(0) { $0 + ($1 % 9) * ($1 % 9 + 1) / 2 }
    #expect(total.load(ordering: .relaxed) == expected)
  }

  @Test func helperThreadsTakeTasks() throws {
    let pool = try WorkerPool(width: 2, name: "pool-test")
    let helped = Atomic<Int>(0)
    for _ in 0..<200 where helped.load(ordering: .relaxed) == 0 {
      pool.run(64) { _, worker in
        if worker != 0 { helped.add(1, ordering: .relaxed) }
        var x = 0
        for i in 0..<20_000 { x &+= i &* i }
        #expect(x != 1)
      }
    }
    #expect(helped.load(ordering: .relaxed) > 0)
  }

  @Test func runsAfterParkingAndStopsWhenReleased() throws {
    for _ in 0..<20 {
      let pool = try WorkerPool(width: 3, name: "pool-test")
      #expect(runCounting(pool, tasks: 6) == [Int](repeating: 1, count: 6))
      // Longer than the spin: the helpers park on the condition, and the next run must wake them.
      sleepMilliseconds(2)
      #expect(runCounting(pool, tasks: 6) == [Int](repeating: 1, count: 6))
    }
  }

  @Test func helpersAreNamed() throws {
    let pool = try WorkerPool(width: 2, name: "kernel")
    let names = Locked<[String]>([])
    for _ in 0..<200 where names.withLock({ $0.isEmpty }) {
      pool.run(16) { _, worker in
        if worker == 1 { names.withLock { $0.append(Thread.currentName) } }
        var x = 0
        for i in 0..<20_000 { x &+= i }
        #expect(x != 1)
      }
    }
    #expect(names.withLock { $0.allSatisfy { $0 == "kernel-1" } && !$0.isEmpty })
  }
}
