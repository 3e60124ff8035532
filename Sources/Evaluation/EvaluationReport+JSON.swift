import Formats

extension EvaluationReport {
  /// The `--json` form: `overall` holds `sensitivity`, `specificity`, `ppv`, `npv`, `auc` (each with `value`
  /// and `ci` {low, high}), `uncertain_rate`, `confusion` and `calibration`; `subgroups` lists the same per
  /// subgroup with `attribute`, `value`, `flagged` and `shortfalls`.
  public var json: JSON {
    .object([
      ("margin", .number(options.margin)),
      ("overall", overall.json),
      (
        "subgroups",
        .array(
          subgroups.map { group in
            var shortfalls: [JSON] = []
            if group.sensitivityShortfall { shortfalls.append(.string("sensitivity")) }
            if group.specificityShortfall { shortfalls.append(.string("specificity")) }
            guard case .object(let members) = group.metrics.json else { return .null }
            return .object(
              [
                ("attribute", .string(group.subgroup.attribute)), ("value", .string(group.subgroup.value)),
                ("flagged", .bool(group.isFlagged)), ("shortfalls", .array(shortfalls)),
              ] + members)
          })
      ),
      (
        "operating_points",
        .array(
          operatingPoints.map { point in
            let (metric, target): (String, Double) =
              switch point.target {
              case .sensitivity(let value): ("sensitivity", value)
              case .specificity(let value): ("specificity", value)
              }
            return .object([
              ("target_metric", .string(metric)), ("target", .number(target)), ("threshold", .number(point.threshold)),
              ("sensitivity", point.sensitivity.json), ("specificity", point.specificity.json),
            ])
          })
      ),
    ])
  }
}

extension GroupMetrics {
  var json: JSON {
    let c = confusion
    let auc: JSON =
      roc.map { roc in
        .object([
          ("value", .number(roc.area)), ("ci", Interval(low: roc.interval.low, high: roc.interval.high).json),
          ("method", .string("DeLong")),
        ])
      } ?? .null
    return .object([
      ("count", .integer(Int64(c.total))), ("findings", .integer(Int64(c.positives))),
      ("negatives", .integer(Int64(c.negatives))),
      ("sensitivity", sensitivity.json), ("specificity", specificity.json),
      ("ppv", positivePredictiveValue.json), ("npv", negativePredictiveValue.json), ("auc", auc),
      ("uncertain_rate", uncertainRate.json),
      (
        "confusion",
        .object([
          ("true_positives", .integer(Int64(c.truePositives))), ("false_negatives", .integer(Int64(c.falseNegatives))),
          ("uncertain_positives", .integer(Int64(c.uncertainPositives))),
          ("true_negatives", .integer(Int64(c.trueNegatives))), ("false_positives", .integer(Int64(c.falsePositives))),
          ("uncertain_negatives", .integer(Int64(c.uncertainNegatives))),
        ])
      ),
      (
        "calibration",
        .array(
          calibration.map { bin in
            .object([
              ("lowest_score", .number(bin.lowestScore)), ("highest_score", .number(bin.highestScore)),
              ("count", .integer(Int64(bin.count))), ("mean_score", .number(bin.meanScore)),
              ("observed_rate", .number(bin.observed.value)),
            ])
          })
      ),
    ])
  }
}

extension Proportion {
  var json: JSON {
    .object([
      ("value", .number(value)), ("ci", interval.json), ("successes", .integer(Int64(successes))),
      ("total", .integer(Int64(total))),
    ])
  }
}

extension Interval {
  var json: JSON { .object([("low", .number(low)), ("high", .number(high))]) }
}
