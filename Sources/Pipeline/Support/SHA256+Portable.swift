extension SHA256 {
  /// FIPS 180-4's compression function in plain code, for CPUs without SHA-256 instructions (Haswell,
  /// Cortex-A72). Compiled for speed in this size-optimised module: it runs over every byte of every capture.
  @_optimize(speed)
  static func compressPortably(_ state: inout State, blocks: UnsafeRawBufferPointer) {
    guard let base = blocks.baseAddress else { return }
    k.withUnsafeBufferPointer { k in
      // The message schedule, on the stack.
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        for offset in stride(from: 0, to: blocks.count, by: 64) {
          let block = base + offset
          for t in 0..<16 { w[t] = word(block, t) }
          for t in 16..<64 {
            let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
          }
          var (a, b, c, d, e, f, g, h) = state
          for t in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let choice = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
          }
          state = (
            state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g,
            state.7 &+ h
          )
        }
      }
    }
  }

  @inline(__always)
  private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
}
