/// Threads that a kernel may split one operator's work over (intra-op threads). `Inference` knows no threads:
/// the host supplies an executor (Platform's `WorkerPool`) and the interpreter hands it to the kernels that
/// split (the GEMM behind convolutions and FULLY_CONNECTED, and DEPTHWISE_CONV_2D).
public protocol ParallelExecutor: AnyObject {
  /// Threads that take tasks, the calling thread included.
  var width: Int { get }
  /// Runs `body(task, worker)` exactly once for every task in `0..<tasks` and returns when all have run.
  /// `worker` (in `0..<width`) names the thread a task runs on, so that tasks running at the same time can
  /// use separate scratch. Tasks may run in any order and at the same time. Called from one thread at a time;
  /// must not allocate.
  @_optimize(speed)
  func run(_ tasks: Int, _ body: (_ task: Int, _ worker: Int) -> Void)
}
