import CPlatform

/// The CPU time the calling thread has used so far, in nanoseconds: user and system time, not time spent waiting.
/// The corresponding C function is `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`.
public func threadCPUNanoseconds() -> Int64 { clockNanoseconds(CLOCK_THREAD_CPUTIME_ID) }
