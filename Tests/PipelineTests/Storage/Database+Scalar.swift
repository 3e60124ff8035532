import Pipeline

extension Database {
  /// The first column of the first row of `sql`, as text ("" for no row or NULL).
  func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> String {
    let statement = try prepare(sql)
    try statement.bind(values)
    return try statement.step() ? statement.string(0) ?? "" : ""
  }
}
