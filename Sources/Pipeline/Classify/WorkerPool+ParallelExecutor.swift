import Inference
import Platform

/// Platform's thread pool runs the interpreter's split kernels. (Pipeline is where the two meet: `Inference`
/// knows no threads and `Platform` no models.)
extension WorkerPool: ParallelExecutor {}

extension WorkerPool {
  /// The executor for one interpreter whose kernels run on `threads` threads (its helpers are named
  /// `kernel-1`, …), or nil for one thread: then the kernels run on the caller with no pool at all.
  public static func kernels(threads: Int) throws(Errno) -> WorkerPool? {
    threads > 1 ? try WorkerPool(width: threads, name: "kernel") : nil
  }
}
