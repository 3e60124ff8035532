import Foundation
import Platform
import TestSupport
import Testing

@Test(arguments: [
  (Int64(0), 3, "1970-01-01T00:00:00.000Z"),
  (951_782_400_000_000_000, 0, "2000-02-29T00:00:00Z"),
  (1_700_000_000_123_456_789, 9, "2023-11-14T22:13:20.123456789Z"),
  (-1, 3, "1969-12-31T23:59:59.999Z"),
  (4_107_542_399_000_000_000, 3, "2100-02-28T23:59:59.000Z"),
])
func iso8601FormatsKnownInstants(nanoseconds: Int64, digits: Int, expected: String) {
  #expect(WallClock.iso8601(nanosecondsSinceEpoch: nanoseconds, fractionDigits: digits) == expected)
}

@Test func iso8601AgreesWithFoundationOverFourCenturies() {
  let formatter = ISO8601DateFormatter()
  formatter.formatOptions = [.withInternetDateTime]
  var generator = SeededGenerator(state: 1970)
  for _ in 0..<2000 {
    let seconds = Int64.random(in: -6_000_000_000...7_000_000_000, using: &generator)
    let expected = formatter.string(from: Date(timeIntervalSince1970: Double(seconds)))
    #expect(WallClock.iso8601(nanosecondsSinceEpoch: seconds * 1_000_000_000, fractionDigits: 0) == expected)
  }
}

@Test func wallClockIsNearFoundationsAndMonotonicAdvances() {
  let foundation = Date().timeIntervalSince1970
  #expect(abs(Double(WallClock.now) / 1e9 - foundation) < 1)
  let first = MonotonicInstant.now
  let second = MonotonicInstant.now
  #expect(first <= second)
  #expect(first.advanced(byNanoseconds: 5).nanoseconds(since: first) == 5)
}
