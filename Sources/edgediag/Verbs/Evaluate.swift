import Evaluation
import Formats
import Imaging
import Pipeline
import Platform

/// `edgediag evaluate [--model CARD] DIR …`: classifies every capture that DIR/labels.csv names through the
/// daemon's own decode, preprocessing, inference and policy, and reports sensitivity, specificity, PPV, NPV,
/// AUC, calibration and the uncertain rate with confidence intervals, overall and per subgroup, flagging
/// subgroups that fall short of the overall figures.
func evaluate(_ arguments: inout ArgumentList) throws(UsageError) -> Int32 {
  let parsed = try EvaluateArguments(arguments: try arguments.remaining())
  var limits = DecodeLimits()
  var cardPath = parsed.cardPath
  var threads = 1
  if cardPath == nil || parsed.configPath != nil {
    let configuration: Configuration
    do { configuration = try Configuration.load(path: parsed.configPath ?? defaultConfigPath) } catch {
      printError("\(error)")
      return 1
    }
    limits = configuration.capture.decodeLimits
    cardPath = cardPath ?? configuration.model.card
    threads = configuration.model.threads
  }
  let classifier: Classifier
  do { classifier = try Classifier(try LoadedModel(cardPath: cardPath ?? ""), limits: limits, threads: threads) } catch
  {
    printError("\(error)")
    return 1
  }
  // The score evaluated is the first finding label's, whatever the outcome: a negative's deciding label is
  // the top-scoring one, which says nothing about how close the capture came to being a finding.
  let findingIndex = classifier.loaded.card.policy.rules.first?.index ?? 0
  let records: [EvaluationRecord]
  do {
    records = try evaluationRecords(
      labelsPath: parsed.labelsPath, captureDirectory: parsed.directory, subgroupColumns: parsed.subgroupColumns
    ) { bytes in
      let result = classifier.classify(bytes)
      let score = findingIndex < result.scores.count ? Double(result.scores[findingIndex]) : nil
      return (call(result.outcome), score)
    }
  } catch {
    printError("edgediag evaluate: \(error.description)")
    return 1
  }
  let report = Evaluation.evaluate(records: records, options: parsed.options)
  if let reportPath = parsed.reportPath {
    let card = classifier.loaded.card
    let html = report.html(
      title: "\(card.name) \(card.version) on \(parsed.directory)", subtitle: card.intendedUse)
    do { try writeFileAtomically(atPath: reportPath, bytes: Array(html.utf8), mode: 0o644) } catch {
      printError("\(reportPath): cannot write: \(error)")
      return 1
    }
  }
  print(parsed.json ? report.json.rendered : report.text, terminator: parsed.json ? "\n" : "")
  return 0
}

/// The metrics' view of an outcome: anything but a finding or a negative sends the capture to a person.
func call(_ outcome: Outcome) -> Call {
  switch outcome {
  case .finding: .finding
  case .negative: .negative
  case .uncertain, .rejected, .failed: .referred
  }
}
