import Platform

/// Reads the labels file and classifies every capture it names with `classify` (the daemon's decode,
/// preprocess, inference and policy path), giving one record per capture with its `subgroupColumns` values
/// (by default its site) as subgroups. A column the header lacks is an error.
/// A capture without a score (rejected or failed) gets score 1: like its call, it counts as referred.
public func evaluationRecords(
  labelsPath: String, captureDirectory: String, subgroupColumns: [String] = ["site"],
  classify: ([UInt8]) -> (call: Call, score: Double?)
) throws(EvaluationError) -> [EvaluationRecord] {
  let text: [UInt8]
  do {
    text = try readFile(atPath: labelsPath)
  } catch {
    throw .file(path: labelsPath, error)
  }
  let rows = try LabelsTable.parse(String(decoding: text, as: UTF8.self))
  guard let first = rows.first else { throw .empty }
  if let missing = subgroupColumns.first(where: { first.columns[$0] == nil }) {
    throw .badArgument("\(labelsPath): no column '\(missing)'")
  }
  var records: [EvaluationRecord] = []
  records.reserveCapacity(rows.count)
  for row in rows {
    let path = captureDirectory + "/" + row.file
    let bytes: [UInt8]
    do {
      bytes = try readFile(atPath: path)
    } catch {
      throw .file(path: path, error)
    }
    let result = classify(bytes)
    records.append(
      EvaluationRecord(
        isFinding: row.isFinding, score: result.score ?? 1, call: result.call,
        subgroups: subgroupColumns.map { Subgroup($0, row.columns[$0] ?? "") }))
  }
  return records
}
