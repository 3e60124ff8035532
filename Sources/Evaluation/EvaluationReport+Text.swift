import Formats

extension EvaluationReport {
  /// A terminal summary: overall metrics with intervals, confusion matrix, subgroups (flagged ones marked),
  /// operating points and the calibration table.
  public var text: String {
    let confusion = overall.confusion
    var out = "Evaluation of \(confusion.total) captures: \(confusion.positives) with findings, "
    out += "\(confusion.negatives) without.\n\n"
    out += "                 value   95% CI\n"
    func row(_ name: String, _ p: Proportion) {
      out += "  \(padRight(name, 13))\(padLeft(fixed(p.value, 3), 6))   \(fixed(p.interval.low, 3))–"
      out += "\(fixed(p.interval.high, 3))   (\(p.successes)/\(p.total))\n"
    }
    row("sensitivity", overall.sensitivity)
    row("specificity", overall.specificity)
    row("PPV", overall.positivePredictiveValue)
    row("NPV", overall.negativePredictiveValue)
    if let roc = overall.roc {
      out += "  ROC AUC      \(padLeft(fixed(roc.area, 3), 6))   \(fixed(roc.interval.low, 3))–"
      out += "\(fixed(roc.interval.high, 3))   (DeLong)\n"
    } else {
      out += "  ROC AUC           –   (needs captures with and without findings)\n"
    }
    row("uncertain", overall.uncertainRate)

    out += "\nConfusion matrix (rows: truth; uncertain outcomes count as positive calls):\n"
    out += "                 finding  uncertain  negative\n"
    out +=
      "  finding      \(padLeft(String(confusion.truePositives), 9))\(padLeft(String(confusion.uncertainPositives), 11))"
    out += "\(padLeft(String(confusion.falseNegatives), 10))\n"
    out +=
      "  negative     \(padLeft(String(confusion.falsePositives), 9))\(padLeft(String(confusion.uncertainNegatives), 11))"
    out += "\(padLeft(String(confusion.trueNegatives), 10))\n"

    if !subgroups.isEmpty {
      out +=
        "\nSubgroups (flagged when sensitivity or specificity is more than \(fixed(options.margin, 2)) below overall):\n"
      let nameWidth = max(9, subgroups.map { $0.subgroup.attribute.count + $0.subgroup.value.count + 1 }.max() ?? 0) + 2
      out += "  \(padRight("subgroup", nameWidth))     n   sens   spec    PPV    NPV    AUC  uncert\n"
      for group in subgroups {
        let m = group.metrics
        out += "  \(padRight(group.subgroup.attribute + "=" + group.subgroup.value, nameWidth))"
        out += padLeft(String(m.confusion.total), 6)
        out += padLeft(fixed(m.sensitivity.value, 3), 7) + (group.sensitivityShortfall ? "!" : " ")
        out += padLeft(fixed(m.specificity.value, 3), 6) + (group.specificityShortfall ? "!" : " ")
        out += padLeft(fixed(m.positivePredictiveValue.value, 3), 6)
        out += padLeft(fixed(m.negativePredictiveValue.value, 3), 7)
        out += padLeft(m.roc.map { fixed($0.area, 3) } ?? "–", 7)
        out += padLeft(fixed(m.uncertainRate.value, 3), 8)
        out += group.isFlagged ? "   FLAGGED\n" : "\n"
      }
    }
    let flagged = flagged
    if !flagged.isEmpty {
      out += "\n"
      for group in flagged {
        out += "FLAGGED \(group.subgroup.attribute)=\(group.subgroup.value):"
        if group.sensitivityShortfall {
          out +=
            " sensitivity \(fixed(group.metrics.sensitivity.value, 3)) vs \(fixed(overall.sensitivity.value, 3)) overall;"
        }
        if group.specificityShortfall {
          out +=
            " specificity \(fixed(group.metrics.specificity.value, 3)) vs \(fixed(overall.specificity.value, 3)) overall;"
        }
        out.removeLast()
        out += "\n"
      }
    }

    if !operatingPoints.isEmpty {
      out += "\nOperating points chosen on this data (finding when score ≥ threshold):\n"
      for point in operatingPoints {
        out += "  \(point.target.label): threshold \(fixed(point.threshold, 4)) → sensitivity "
        out += "\(fixed(point.sensitivity.value, 3)), specificity \(fixed(point.specificity.value, 3))\n"
      }
    }

    if !overall.calibration.isEmpty {
      out += "\nCalibration (score quantile groups):\n        scores          n   mean score   observed\n"
      for bin in overall.calibration {
        out += "  \(fixed(bin.lowestScore, 3))–\(fixed(bin.highestScore, 3))  \(padLeft(String(bin.count), 6))"
        out += "\(padLeft(fixed(bin.meanScore, 3), 13))\(padLeft(fixed(bin.observed.value, 3), 11))\n"
      }
    }
    return out
  }
}

extension OperatingPoint.Target {
  /// "sensitivity ≥ 0.95".
  var label: String {
    switch self {
    case .sensitivity(let value): "sensitivity ≥ \(fixed(value, 2))"
    case .specificity(let value): "specificity ≥ \(fixed(value, 2))"
    }
  }
}
