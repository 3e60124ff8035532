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
        copyPartialVector(from: p, to: $0.baseAddress!, byteCount: count * MemoryLayout<Scalar>.stride)
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
      withUnsafeBytes(of: self) {
        copyPartialVector(from: $0.baseAddress!, to: p, byteCount: count * MemoryLayout<Scalar>.stride)
      }
    }
  }
}

/// Copies `n` bytes, part of a vector, with one load and store per set bit of `n` below 64: a `memcpy` call
/// (what `copyMemory` becomes for a variable size) cost more than the copy. Larger sizes call `copyMemory`.
/// Not inlined: a vector read piece by piece in its caller made LLVM compute its lanes in scalar code (x86_64:
/// MobileNetV2 0.35 96 took 9.5 M instructions per invoke instead of 7.0 M).
@inline(never)
@_optimize(speed)
func copyPartialVector(from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount n: Int) {
  guard n < 64 else { return destination.copyMemory(from: source, byteCount: n) }
  var offset = 0
  @inline(__always)
  @_optimize(speed)
  func move<T>(_: T.Type) {
    destination.storeBytes(
      of: source.loadUnaligned(fromByteOffset: offset, as: T.self), toByteOffset: offset, as: T.self)
    offset &+= MemoryLayout<T>.size
  }
  if n & 32 != 0 { move(SIMD4<UInt64>.self) }
  if n & 16 != 0 { move(SIMD2<UInt64>.self) }
  if n & 8 != 0 { move(UInt64.self) }
  if n & 4 != 0 { move(UInt32.self) }
  if n & 2 != 0 { move(UInt16.self) }
  if n & 1 != 0 { move(UInt8.self) }
}
