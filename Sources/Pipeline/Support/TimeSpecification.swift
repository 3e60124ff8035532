/// Parses the `--since` forms people type: a UTC date or date-time (`2026-11-25`, `2026-11-25T08:30:00Z`,
/// `2026-11-25 08:30`) or an age (`90s`, `15m`, `2h`, `7d`) counted back from `now`. Returns nanoseconds since
/// the Unix epoch, or nil when the text is none of these or names a day that does not exist (2026-02-31) or a
/// year outside 1...9999. An age reaching back before 1970, however large, means since the beginning: 0.
public func parseTimeSpecification(_ text: String, now: Int64) -> Int64? {
  if let unit = text.last, let amount = Int64(text.dropLast()), amount >= 0 {
    let seconds: Int64? =
      switch unit {
      case "s": 1
      case "m": 60
      case "h": 3600
      case "d": 86_400
      default: nil
      }
    if let seconds {
      let (age, overflow) = amount.multipliedReportingOverflow(by: seconds * 1_000_000_000)
      return overflow || age >= now ? 0 : now - age
    }
  }
  var text = Substring(text)
  if text.hasSuffix("Z") { text = text.dropLast() }
  let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " })
  guard (1...2).contains(parts.count) else { return nil }
  let date = parts[0].split(separator: "-").compactMap { Int64($0) }
  guard date.count == 3, (1...9999).contains(date[0]), (1...12).contains(date[1]),
    (1...daysInMonth(year: date[0], month: date[1])).contains(date[2])
  else { return nil }
  var clock: [Int64] = [0, 0, 0]
  if parts.count == 2 {
    let fields = parts[1].split(separator: ":").compactMap { Int64($0) }
    guard (2...3).contains(fields.count), fields[0] < 24, fields[1] < 60, fields.count < 3 || fields[2] < 61 else {
      return nil
    }
    clock = fields + (fields.count == 2 ? [0] : [])
  }
  let days = daysSinceEpoch(year: date[0], month: date[1], day: date[2])
  return ((days * 24 + clock[0]) * 60 + clock[1]) * 60 * 1_000_000_000 + clock[2] * 1_000_000_000
}

/// The number of days in `month` (1...12) of `year`, in the proleptic Gregorian calendar.
func daysInMonth(year: Int64, month: Int64) -> Int64 {
  switch month {
  case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
  case 4, 6, 9, 11: 30
  default: 31
  }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
  let y = month <= 2 ? year - 1 : year
  let era = (y >= 0 ? y : y - 399) / 400
  let yearOfEra = y - era * 400
  let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
  let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}
