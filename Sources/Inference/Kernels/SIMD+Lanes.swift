// Loads and stores of a vector's first lanes, for the last partial block of a row.

extension SIMD {
  /// Lanes `0..<count` (at most all) from `p`; the lanes after them are 0.
  @inline(__always)
  @_optimize(speed)
  init(lanes p: UnsafeRawPointer, count: Int) {
    if count == Self.scalarCount {
      self = p.loadUnaligned(as: Self.self)
    } else {
      self.init()
      withUnsafeMutableBytes(of: &self) {
        $0.baseAddress!.copyMemory(from: p, byteCount: count * MemoryLayout<Scalar>.stride)
      }
    }
  }

  /// Stores lanes `0..<count` (at most all) at `p`, all with one vector store when `count` is all. A partial
  /// store copies from the whole vector in memory: reading lanes one by one made LLVM compute those lanes of a
  /// requantization in scalar code (`vpextrd`, `cmov`, `vpinsrb`), for the full stores too.
  @inline(__always)
  @_optimize(speed)
  func storeLanes(to p: UnsafeMutableRawPointer, count: Int) {
    if count == Self.scalarCount {
      p.storeBytes(of: self, as: Self.self)
    } else {
      withUnsafeBytes(of: self) { p.copyMemory(from: $0.baseAddress!, byteCount: count * MemoryLayout<Scalar>.stride) }
    }
  }
}
