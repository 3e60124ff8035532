/// Threads that a kernel may split one operator's work over (intra-op threads). `Inference` knows no threads:
/// the host supplies an executor (Platform's `WorkerPool`) and the interpreter hands it to the kernels that
/// split (the GEMM behind convolutions and FULLY_CONNECTED, and DEPTHWISE_CONV_2D).
public protocol ParallelExecutor: AnyObject {
  /// Threads that take tasks, the calling thread included.
  var width: Int { get }
  /// Runs `body(task, worker)` exactly once for every task in `0..<tasks` and returns when all have run.
  /// `worker` (in `0..<width`) names the thread a task runs on, so that tasks running at the same time can
  /// use separate scratch; the calling thread is worker 0. Tasks may run in any order and at the same time.
  /// Called from one thread at a time; must not allocate.
  func run(_ tasks: Int, _ body: (_ task: Int, _ worker: Int) -> Void)
}

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
  @inline(__always)
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
