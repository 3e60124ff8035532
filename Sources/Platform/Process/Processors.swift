import CPlatform

/// The number of processors this process may run on (its CPU affinity), at least 1.
/// The corresponding C function is `sched_getaffinity`.
public var processorCount: Int { Int(cplatform_available_processors()) }
