/// How to evaluate.
public struct EvaluationOptions: Sendable {
  /// A subgroup is flagged when its sensitivity or specificity is below the overall figure by more than this.
  public var margin: Double
  /// Thresholds to find on this data (e.g. the threshold that reaches sensitivity 0.95).
  public var targets: [OperatingPoint.Target]
  /// Quantile groups of the calibration table.
  public var calibrationGroups: Int

  public init(
    margin: Double = 0.05, targets: [OperatingPoint.Target] = [.sensitivity(0.95), .specificity(0.95)],
    calibrationGroups: Int = 10
  ) {
    self.margin = margin
    self.targets = targets
    self.calibrationGroups = calibrationGroups
  }
}

/// The result of `evaluate`: overall metrics, per-subgroup metrics with shortfall flags, operating points.
public struct EvaluationReport: Sendable {
  public var options: EvaluationOptions
  public var overall: GroupMetrics
  /// By attribute in order of first appearance, then by value (numbers in a value compare numerically).
  public var subgroups: [SubgroupMetrics]
  public var operatingPoints: [OperatingPoint]

  public var flagged: [SubgroupMetrics] { subgroups.filter { $0.isFlagged } }
}

/// Evaluates a model's outcomes against the truth, overall and per subgroup.
public func evaluate(records: [EvaluationRecord], options: EvaluationOptions = EvaluationOptions())
  -> EvaluationReport
{
  let overall = GroupMetrics(records, calibrationGroups: options.calibrationGroups)
  var attributes: [String] = []
  var members: [Subgroup: [EvaluationRecord]] = [:]
  for record in records {
    for subgroup in record.subgroups {
      if !attributes.contains(subgroup.attribute) { attributes.append(subgroup.attribute) }
      members[subgroup, default: []].append(record)
    }
  }
  let ordered = members.keys.sorted { a, b in
    let ia = attributes.firstIndex(of: a.attribute) ?? 0
    let ib = attributes.firstIndex(of: b.attribute) ?? 0
    return ia != ib ? ia < ib : naturalOrder(a.value, b.value)
  }
  let subgroups = ordered.map { subgroup in
    let metrics = GroupMetrics(members[subgroup] ?? [], calibrationGroups: options.calibrationGroups)
    return SubgroupMetrics(
      subgroup: subgroup, metrics: metrics,
      sensitivityShortfall: fallsShort(metrics.sensitivity, of: overall.sensitivity, by: options.margin),
      specificityShortfall: fallsShort(metrics.specificity, of: overall.specificity, by: options.margin))
  }
  let scores = records.map { $0.score }
  let truth = records.map { $0.isFinding }
  let points = options.targets.compactMap { OperatingPoint(target: $0, scores: scores, truth: truth) }
  return EvaluationReport(options: options, overall: overall, subgroups: subgroups, operatingPoints: points)
}

private func fallsShort(_ group: Proportion, of overall: Proportion, by margin: Double) -> Bool {
  group.isDefined && overall.isDefined && overall.value - group.value > margin
}

/// "site-2" before "site-10": digit runs compare as numbers.
func naturalOrder(_ a: String, _ b: String) -> Bool {
  var left = Array(a.utf8)[...]
  var right = Array(b.utf8)[...]
  func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
  while let l = left.first, let r = right.first {
    if isDigit(l) && isDigit(r) {
      let ln = left.prefix { isDigit($0) }
      let rn = right.prefix { isDigit($0) }
      let lv = ln.drop { $0 == 48 }
      let rv = rn.drop { $0 == 48 }
      if lv.count != rv.count { return lv.count < rv.count }
      if !lv.elementsEqual(rv) { return lv.lexicographicallyPrecedes(rv) }
      left = left.dropFirst(ln.count)
      right = right.dropFirst(rn.count)
    } else {
      if l != r { return l < r }
      left = left.dropFirst()
      right = right.dropFirst()
    }
  }
  return left.isEmpty && !right.isEmpty
}
