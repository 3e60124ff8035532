/// SHA-256 (FIPS 180-4), for the capture and model digests recorded in the ledger.
///
/// Feed bytes with `update` in any number of pieces, then call `finalize`. `SHA256.hex(of:)` is the one-shot form.
/// The blocks are compressed with the CPU's SHA-256 instructions where the build's target CPU has them (x86 SHA
/// extensions, ARMv8 SHA2; `SHA256+Instructions.swift`), else by portable code (`SHA256+Portable.swift`).
public struct SHA256: Sendable {
  /// The eight working words a…h.
  typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

  private var state: State = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
  // The bytes of an unfinished block, between updates.
  private var buffer: [UInt8] = []
  private var byteCount: UInt64 = 0

  public init() {}

  /// Adds `bytes` to the message.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    byteCount &+= UInt64(bytes.count)
    var offset = 0
    if !buffer.isEmpty {
      let take = min(64 - buffer.count, bytes.count)
      buffer.append(contentsOf: bytes[0..<take])
      offset = take
      guard buffer.count == 64 else { return }
      let block = buffer
      block.withUnsafeBytes { SHA256.compress(&state, blocks: $0) }
      buffer.removeAll(keepingCapacity: true)
    }
    let whole = (bytes.count - offset) / 64 * 64
    if whole > 0 {
      SHA256.compress(&state, blocks: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + whole]))
      offset += whole
    }
    buffer.append(contentsOf: bytes[offset...])
  }

  /// Adds `bytes` to the message.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Adds the UTF-8 bytes of `text` to the message.
  public mutating func update(_ text: String) {
    update(Array(text.utf8))
  }

  /// Pads the message and returns its 32-byte digest.
  public consuming func finalize() -> [UInt8] {
    let bitCount = byteCount &* 8
    var padding: [UInt8] = [0x80]
    let used = (buffer.count + 1) % 64
    padding.append(contentsOf: repeatElement(0, count: used <= 56 ? 56 - used : 120 - used))
    for shift in stride(from: 56, through: 0, by: -8) {
      padding.append(UInt8(truncatingIfNeeded: bitCount >> UInt64(shift)))
    }
    update(padding)
    var digest: [UInt8] = []
    digest.reserveCapacity(32)
    for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
      for shift in stride(from: 24, through: 0, by: -8) {
        digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
      }
    }
    return digest
  }

  /// The digest of `bytes` as 64 lowercase hex digits.
  public static func hex(of bytes: [UInt8]) -> String {
    var hash = SHA256()
    hash.update(bytes)
    return Hex.encode(hash.finalize())
  }

  /// Compresses `blocks` (a whole number of 64-byte blocks) into `state`.
  private static func compress(_ state: inout State, blocks: UnsafeRawBufferPointer) {
    #if SHA256_INSTRUCTIONS && (arch(x86_64) || arch(arm64))
      compressWithInstructions(&state, blocks: blocks)
    #else
      compressPortably(&state, blocks: blocks)
    #endif
  }

  /// The round constants K0…K63.
  static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  /// Big-endian word `index` of the block at `block`.
  @inline(__always)
  static func word(_ block: UnsafeRawPointer, _ index: Int) -> UInt32 {
    UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self))
  }
}
