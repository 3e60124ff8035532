/// How a kernel may split its work: over an executor's threads, each with its own scratch, `scratchStride`
/// bytes after the previous worker's; with no executor everything runs on the calling thread.
struct KernelThreads {
  var executor: (any ParallelExecutor)?
  var scratchStride: Int
  /// Below this many multiply-accumulates (a few microseconds) a task is not worth handing to another
  /// thread. Measured with 2 threads: 2^16 made MobileNetV2 0.35 96 a quarter faster than 2^18 did, and left
  /// MobileNetV2 1.0 224 as fast.
  var minimumTaskMACs: Int

  static let defaultMinimumTaskMACs = 1 << 16
  static var serial: KernelThreads {
    KernelThreads(executor: nil, scratchStride: 0, minimumTaskMACs: defaultMinimumTaskMACs)
  }

  /// Tasks per thread: more than one, so a thread that the scheduler delays leaves its share to the others.
  static let tasksPerThread = 3

  /// Splits `units` units of work (`macsPerUnit` multiply-accumulates each) into contiguous ranges and runs
  /// `body(range, scratch)` for each, with the running worker's scratch. Small work runs whole on the caller.
  @_optimize(speed)
  func split(
    _ units: Int, macsPerUnit: Int, scratch: UnsafeMutableRawPointer,
    _ body: (Range<Int>, UnsafeMutableRawPointer) -> Void
  ) {
    guard let executor else { return body(0..<units, scratch) }
    let tasks = min(units, executor.width * Self.tasksPerThread, units * macsPerUnit / max(minimumTaskMACs, 1))
    guard tasks > 1 else { return body(0..<units, scratch) }
    executor.run(tasks) { task, worker in
      body(units * task / tasks..<units * (task + 1) / tasks, scratch + worker * scratchStride)
    }
  }
}
