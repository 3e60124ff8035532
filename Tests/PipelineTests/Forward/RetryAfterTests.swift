import Pipeline
import Testing

struct RetryAfterTests {
  @Test func readsDelaySeconds() {
    #expect(RetryAfter(headerValue: " 120\r\n") == .seconds(120))
    #expect(RetryAfter(headerValue: "0") == .seconds(0))
    #expect(RetryAfter(headerValue: "99999999999999999999") == .seconds(999_999_999))
  }

  @Test func readsIMFFixdates() {
    #expect(RetryAfter(headerValue: "Sun, 06 Nov 1994 08:49:37 GMT") == .date(secondsSinceEpoch: 784_111_777))
    #expect(RetryAfter(headerValue: "Thu, 01 Jan 1970 00:00:00 GMT") == .date(secondsSinceEpoch: 0))
    #expect(RetryAfter(headerValue: "Tue, 29 Feb 2028 23:59:59 GMT") == .date(secondsSinceEpoch: 1_835_481_599))
  }

  @Test(arguments: [
    "", "-5", "1.5", "soon", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
  ]) func ignoresAnythingElse(value: String) {
    #expect(RetryAfter(headerValue: value) == nil)
  }

  @Test func delayIsMeasuredFromNowAndNeverNegative() {
    let now: Int64 = 1000 * 1_000_000_000
    #expect(RetryAfter.date(secondsSinceEpoch: 1030).delayMilliseconds(now: now) == 30_000)
    #expect(RetryAfter.date(secondsSinceEpoch: 10).delayMilliseconds(now: now) == 0)
    #expect(RetryAfter.seconds(5).delayMilliseconds(now: now) == 5000)
  }
}
