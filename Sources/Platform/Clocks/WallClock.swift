import CPlatform

/// The real-time clock: for timestamps that people and other systems read, never for measuring intervals (it
/// jumps when the time is set; use `MonotonicInstant`).
public enum WallClock {
  /// Nanoseconds since the Unix epoch, UTC.
  /// The corresponding C function is `clock_gettime(CLOCK_REALTIME)`.
  public static var now: Int64 { clockNanoseconds(CLOCK_REALTIME) }

  /// Formats `nanoseconds` since the epoch as ISO 8601 in UTC, e.g. "2026-03-14T09:26:53.589Z", with
  /// `fractionDigits` (0...9) digits after the seconds.
  public static func iso8601(nanosecondsSinceEpoch nanoseconds: Int64, fractionDigits: Int = 3) -> String {
    precondition((0...9).contains(fractionDigits), "ISO 8601 fraction digits must be 0...9")
    let (seconds, fraction) = floorDivide(nanoseconds, 1_000_000_000)
    let (days, secondOfDay) = floorDivide(seconds, 86_400)
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    var text = padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    text += "T" + padded(secondOfDay / 3600, 2) + ":" + padded(secondOfDay / 60 % 60, 2) + ":"
    text += padded(secondOfDay % 60, 2)
    if fractionDigits > 0 {
      var divisor: Int64 = 1_000_000_000
      for _ in 0..<fractionDigits { divisor /= 10 }
      text += "." + padded(fraction / divisor, fractionDigits)
    }
    return text + "Z"
  }

  /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`).
  static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let (era, _) = floorDivide(days + 719_468, 146_097)
    let dayOfEra = days + 719_468 - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153  // March is 0
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
    let remainder = value % divisor
    return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
  }

  private static func padded(_ value: Int64, _ width: Int) -> String {
    let digits = String(value < 0 ? -value : value)
    let zeros = String(repeating: "0", count: max(0, width - digits.utf8.count))
    return (value < 0 ? "-" : "") + zeros + digits
  }
}
