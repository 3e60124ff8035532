import Pipeline
import Testing

@Suite struct TimeSpecificationTests {
  /// 2026-12-04T06:00:00Z.
  static let now: Int64 = 1_796_364_000 * 1_000_000_000

  @Test func readsDatesDateTimesAndAges() {
    #expect(parseTimeSpecification("2026-12-04", now: Self.now) == Self.now - 6 * 3600 * 1_000_000_000)
    #expect(parseTimeSpecification("2026-12-04T06:00:00Z", now: Self.now) == Self.now)
    #expect(parseTimeSpecification("2026-12-04 06:00", now: Self.now) == Self.now)
    #expect(parseTimeSpecification("2h", now: Self.now) == Self.now - 7200 * 1_000_000_000)
    #expect(parseTimeSpecification("2024-02-29", now: Self.now) == Int64(1_709_164_800) * 1_000_000_000)
  }

  /// Ages reaching back past 1970 mean "since the beginning", however large; they never overflow.
  @Test(arguments: ["106752d", "99999999999d", "9223372036854775807s", "9223372036854775807d", "30000d"])
  func agesBeyondTheEpochMeanSinceTheBeginning(text: String) {
    #expect(parseTimeSpecification(text, now: Self.now) == 0)
  }

  /// Dates that do not exist, or whose years no calendar of ours reaches, are not times.
  @Test(arguments: [
    "2026-02-31", "2026-02-29", "2026-04-31", "2026-00-10", "2026-13-01", "2026-01-00", "99999999999-01-01",
    "9223372036854775807-12-31", "-9223372036854775807-01-01", "10000-01-01", "2026-12-04T24:00",
  ])
  func impossibleDatesAreRefused(text: String) {
    #expect(parseTimeSpecification(text, now: Self.now) == nil)
  }
}
