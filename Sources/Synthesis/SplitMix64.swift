/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator whose output is the same on every platform and
/// build mode, so a (seed, index) pair always renders the same capture. Never the system RNG.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  /// A generator for item `index` of stream `seed`: distinct indices give independent-looking streams.
  public init(seed: UInt64, index: UInt64) {
    var mixer = SplitMix64(seed: seed ^ 0x5851_F42D_4C95_7F2D)
    state = mixer.next() &+ index &* 0x9E37_79B9_7F4A_7C15
    _ = next()
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1), from the top 24 bits (exactly representable as Float).
  mutating func unit() -> Float { Float(next() >> 40) * (1 / 16_777_216) }

  /// Uniform in [low, high).
  mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * unit() }

  /// Uniform integer in low...high.
  mutating func integer(_ low: Int, _ high: Int) -> Int { low + Int(next() % UInt64(high - low + 1)) }

  /// True with probability `p`.
  mutating func chance(_ p: Float) -> Bool { unit() < p }

  /// Approximately standard normal: the Irwin–Hall sum of four uniforms, rescaled (needs no libm, and its
  /// bounded tails suit sensor noise).
  mutating func normal() -> Float { (unit() + unit() + unit() + unit() - 2) * 1.7320508 }
}
