/// The IMF-fixdate form of an HTTP-date (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT", which is the
/// form senders must use. The obsolete RFC 850 and asctime forms are not accepted.
enum HTTPDate {
  private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// Seconds since the Unix epoch, or nil if `text` is not an IMF-fixdate.
  static func parse(_ text: String) -> Int64? {
    let fields = text.split(separator: " ", omittingEmptySubsequences: false)
    guard fields.count == 6, fields[0].utf8.count == 4, fields[0].hasSuffix(","), fields[5] == "GMT",
      fields[1].utf8.count == 2, let day = Int64(fields[1]),
      let monthIndex = months.firstIndex(where: { $0 == fields[2] }),
      fields[3].utf8.count == 4, let year = Int64(fields[3])
    else { return nil }
    let time = fields[4].split(separator: ":", omittingEmptySubsequences: false)
    guard time.count == 3, time.allSatisfy({ $0.utf8.count == 2 }), let hour = Int64(time[0]),
      let minute = Int64(time[1]), let second = Int64(time[2]),
      (1...31).contains(day), hour < 24, minute < 60, second <= 60
    else { return nil }
    let days = daysSinceEpoch(year: year, month: Int64(monthIndex) + 1, day: day)
    return days * 86_400 + hour * 3600 + minute * 60 + second
  }

  /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
  static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
