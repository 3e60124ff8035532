/// What is wrong with the bytes a FlatBuffer read touched, before the read is named. The readers' cores throw it
/// without the caller's description of what it reads, and their `what`-taking entry points, inlined at each call
/// site, name it (`naming(_:_:)`). With the description passed into the cores, the optimiser made a copy of a
/// core for each description, that is for each call site: some 40 KB of the device binary.
struct FlatFault: Error {
  let outOfBounds: Bool
  /// What follows the read's description in the message, e.g. " vtable" or " is not zero-terminated".
  let detail: String

  static func outOfBounds(_ detail: String = "") -> FlatFault { FlatFault(outOfBounds: true, detail: detail) }
  static func malformed(_ detail: String) -> FlatFault { FlatFault(outOfBounds: false, detail: detail) }

  /// The model error of a read described as `what`.
  @inline(never)
  func named(_ what: String) -> ModelError {
    outOfBounds ? .outOfBounds(what: what + detail) : .malformed(what: what + detail)
  }
}

/// Runs a core read and names its fault with `what`, which is evaluated only on failure.
@inline(__always)
func naming<T>(_ what: () -> String, _ read: () throws(FlatFault) -> T) throws(ModelError) -> T {
  do { return try read() } catch { throw error.named(what()) }
}
