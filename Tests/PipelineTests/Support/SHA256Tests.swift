import Pipeline
import Testing

// Vectors from FIPS 180-4 examples and NIST's SHA-256 short and long message tests.
@Test(arguments: [
  ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
  ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
  (
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
  ),
  (
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
  ),
])
func sha256KnownVectors(message: String, digest: String) {
  #expect(SHA256.hex(of: Array(message.utf8)) == digest)
}

@Test func sha256OfOneMillionAs() {
  #expect(
    SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000))
      == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

@Test func sha256IsIndependentOfHowTheMessageIsSplit() {
  let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
  let whole = SHA256.hex(of: message)
  // Every padding boundary: lengths around 55, 56, 63, 64 bytes per piece.
  for pieceLength in [1, 7, 55, 56, 63, 64, 65, 200] {
    var hash = SHA256()
    var start = 0
    while start < message.count {
      let end = min(start + pieceLength, message.count)
      hash.update(Array(message[start..<end]))
      start = end
    }
    #expect(Hex.encode(hash.finalize()) == whole, "pieces of \(pieceLength)")
  }
}

@Test func sha256PaddingBoundaries() {
  // Lengths where the length field just fits in, or spills into, a second final block.
  let digests = [55, 56, 64].map { SHA256.hex(of: [UInt8](repeating: 0x61, count: $0)) }
  #expect(
    digests == [
      "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
      "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
      "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
    ])
}
