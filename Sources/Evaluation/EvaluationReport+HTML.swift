import Formats

extension EvaluationReport {
  /// A self-contained HTML page (inline CSS and SVG, no scripts or external resources): headline metrics with
  /// intervals, subgroups with forest plots of sensitivity and specificity (flagged ones highlighted), ROC
  /// curves per subgroup, the calibration plot and confusion matrices.
  public func html(title: String = "Evaluation report", subtitle: String = "") -> String {
    var page = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    page += "<title>\(escapeHTML(title))</title>\n<style>\(reportStyle)</style>\n</head>\n<body>\n<main>\n"
    page += "<header><h1>\(escapeHTML(title))</h1>"
    if !subtitle.isEmpty { page += "<p class=\"subtitle\">\(escapeHTML(subtitle))</p>" }
    let c = overall.confusion
    page +=
      "<p class=\"lede\">\(c.total) captures: \(c.positives) with findings, \(c.negatives) without.</p></header>\n"
    page += flagSection
    page += headlineSection
    if !subgroups.isEmpty { page += subgroupSection }
    page += "<section class=\"plots\">" + rocFigure + calibrationFigure + "</section>\n"
    page += confusionSection
    if !operatingPoints.isEmpty { page += operatingPointSection }
    page += methodsSection
    page += "</main>\n</body>\n</html>\n"
    return page
  }

  private var flagSection: String {
    let flagged = flagged
    guard !flagged.isEmpty else {
      return subgroups.isEmpty
        ? ""
        : "<section class=\"banner ok\"><strong>No subgroup falls short</strong> of the overall sensitivity or "
          + "specificity by more than \(points(options.margin)).</section>\n"
    }
    var html = "<section class=\"banner alert\"><strong>\(flagged.count) subgroup"
    html += flagged.count == 1 ? " falls" : "s fall"
    html += " short</strong> of the overall figures by more than \(points(options.margin)):<ul>"
    for group in flagged {
      html += "<li><b>\(escapeHTML(group.subgroup.attribute)) = \(escapeHTML(group.subgroup.value))</b>: "
      var parts: [String] = []
      if group.sensitivityShortfall {
        parts.append(
          "sensitivity \(percent(group.metrics.sensitivity.value)) against \(percent(overall.sensitivity.value)) overall"
        )
      }
      if group.specificityShortfall {
        parts.append(
          "specificity \(percent(group.metrics.specificity.value)) against \(percent(overall.specificity.value)) overall"
        )
      }
      html += parts.joined(separator: "; ") + "</li>"
    }
    return html + "</ul></section>\n"
  }

  private var headlineSection: String {
    func card(_ name: String, _ note: String, _ p: Proportion) -> String {
      "<div class=\"card\"><div class=\"name\">\(name)</div><div class=\"value\">\(percent(p.value))</div>"
        + "<div class=\"ci\">95% CI \(percent(p.interval.low))–\(percent(p.interval.high))</div>"
        + "<div class=\"note\">\(p.successes) of \(p.total) \(note)</div></div>"
    }
    var html = "<section class=\"cards\">"
    html += card("Sensitivity", "findings called", overall.sensitivity)
    html += card("Specificity", "negatives cleared", overall.specificity)
    html += card("PPV", "positive calls right", overall.positivePredictiveValue)
    html += card("NPV", "negative calls right", overall.negativePredictiveValue)
    if let roc = overall.roc {
      html += "<div class=\"card\"><div class=\"name\">ROC AUC</div><div class=\"value\">\(fixed(roc.area, 3))</div>"
      html += "<div class=\"ci\">95% CI \(fixed(roc.interval.low, 3))–\(fixed(roc.interval.high, 3))</div>"
      html += "<div class=\"note\">DeLong interval</div></div>"
    }
    html += card("Uncertain", "referred for review", overall.uncertainRate)
    return html + "</section>\n"
  }

  private var subgroupSection: String {
    // One scale for every forest plot in the table, wide enough for all intervals and the margin band.
    var low = 1.0
    for p in [overall.sensitivity, overall.specificity] where p.isDefined { low = min(low, p.value - options.margin) }
    for group in subgroups {
      for p in [group.metrics.sensitivity, group.metrics.specificity] where p.isDefined {
        low = min(low, p.interval.low)
      }
    }
    low = max(0, min(0.9, (low * 10).rounded(.down) / 10))
    var html = "<section><h2>Subgroups</h2><p class=\"hint\">Dots are estimates, bars 95% intervals; the dashed "
    html += "line is the overall figure and the shaded band the margin of \(points(options.margin)) below it. "
    html += "Scale \(percent(low))–100%.</p>"
    html += "<table class=\"subgroups\"><thead><tr><th>Subgroup</th><th class=\"num\">n</th>"
    html += "<th colspan=\"2\">Sensitivity</th><th colspan=\"2\">Specificity</th><th class=\"num\">PPV</th>"
    html += "<th class=\"num\">NPV</th><th class=\"num\">AUC</th><th class=\"num\">Uncertain</th></tr></thead><tbody>"
    html += subgroupRow(
      "All captures", overall, flags: (false, false), low: low, colour: overallColour, className: "overall")
    for (index, group) in subgroups.enumerated() {
      let name = escapeHTML(group.subgroup.attribute) + " = <b>" + escapeHTML(group.subgroup.value) + "</b>"
      html += subgroupRow(
        name + (group.isFlagged ? " <span class=\"badge\">flagged</span>" : ""), group.metrics,
        flags: (group.sensitivityShortfall, group.specificityShortfall), low: low, colour: colour(index),
        className: group.isFlagged ? "flagged" : "")
    }
    return html + "</tbody></table></section>\n"
  }

  private func subgroupRow(
    _ name: String, _ m: GroupMetrics, flags: (Bool, Bool), low: Double, colour: String, className: String
  ) -> String {
    var html =
      "<tr class=\"\(className)\"><td><span class=\"swatch\" style=\"background:\(colour)\"></span>\(name)</td>"
    html += "<td class=\"num\">\(m.confusion.total)</td>"
    for (p, short, reference) in [
      (m.sensitivity, flags.0, overall.sensitivity), (m.specificity, flags.1, overall.specificity),
    ] {
      html += "<td class=\"num\(short ? " short" : "")\">\(percent(p.value))</td>"
      html += "<td class=\"forest\">\(forest(p, reference: reference, low: low, short: short))</td>"
    }
    html += "<td class=\"num\">\(percent(m.positivePredictiveValue.value))</td>"
    html += "<td class=\"num\">\(percent(m.negativePredictiveValue.value))</td>"
    html += "<td class=\"num\">\(m.roc.map { fixed($0.area, 3) } ?? "–")</td>"
    html += "<td class=\"num\">\(percent(m.uncertainRate.value))</td></tr>"
    return html
  }

  /// A one-row forest plot: the interval as a bar, the estimate as a dot, the overall figure dashed.
  private func forest(_ p: Proportion, reference: Proportion, low: Double, short: Bool) -> String {
    let width = 120.0
    func position(_ v: Double) -> Double { 4 + (min(max(v, low), 1) - low) / (1 - low) * (width - 8) }
    func x(_ v: Double) -> String { fixed(position(v), 1) }
    var svg = "<svg viewBox=\"0 0 \(fixed(width, 0)) 20\" width=\"\(fixed(width, 0))\" height=\"20\">"
    svg += "<line x1=\"\(x(low))\" y1=\"10\" x2=\"\(x(1))\" y2=\"10\" class=\"track\"/>"
    if reference.isDefined {
      let band = reference.value - options.margin
      svg += "<rect x=\"\(x(band))\" y=\"2\" width=\"\(fixed(position(reference.value) - position(band), 1))\" "
      svg += "height=\"16\" class=\"band\"/>"
      svg += "<line x1=\"\(x(reference.value))\" y1=\"1\" x2=\"\(x(reference.value))\" y2=\"19\" class=\"reference\"/>"
    }
    if p.isDefined {
      let colour = short ? flaggedColour : overallColour
      svg += "<line x1=\"\(x(p.interval.low))\" y1=\"10\" x2=\"\(x(p.interval.high))\" y2=\"10\" stroke=\"\(colour)\" "
      svg += "stroke-width=\"3\" stroke-linecap=\"round\"/>"
      svg +=
        "<circle cx=\"\(x(p.value))\" cy=\"10\" r=\"4.5\" fill=\"\(colour)\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
    }
    return svg + "</svg>"
  }

  private var rocFigure: String {
    let plot = SVGPlot()
    var svg = plot.open(label: "ROC curves", xTitle: "1 − specificity (false positive rate)", yTitle: "Sensitivity")
    svg += plot.line([(0, 0), (1, 1)], colour: "#9CA3AF", width: 1, dashed: true)
    var legend = ""
    func curve(_ roc: ROCCurve?, colour: String, width: Double, name: String) {
      guard let roc else { return }
      svg += plot.line(roc.points.map { ($0.falsePositiveRate, $0.truePositiveRate) }, colour: colour, width: width)
      legend += "<li><span class=\"swatch\" style=\"background:\(colour)\"></span>\(name)"
      legend += " <span class=\"muted\">AUC \(fixed(roc.area, 3))</span></li>"
    }
    for (index, group) in subgroups.enumerated() where !group.isFlagged {
      curve(group.metrics.roc, colour: colour(index), width: 1.5, name: escapeHTML(group.subgroup.value))
    }
    curve(overall.roc, colour: overallColour, width: 2.5, name: "All captures")
    for (index, group) in subgroups.enumerated() where group.isFlagged {
      curve(group.metrics.roc, colour: colour(index), width: 3, name: escapeHTML(group.subgroup.value) + " (flagged)")
    }
    svg += "</svg>"
    return "<figure><figcaption>ROC curves</figcaption>\(svg)<ul class=\"legend\">\(legend)</ul></figure>"
  }

  private var calibrationFigure: String {
    let plot = SVGPlot()
    var svg = plot.open(label: "Calibration", xTitle: "Mean predicted score", yTitle: "Observed share with findings")
    svg += plot.line([(0, 0), (1, 1)], colour: "#9CA3AF", width: 1, dashed: true)
    let bins = overall.calibration
    let largest = Double(bins.map { $0.count }.max() ?? 1)
    svg += plot.line(bins.map { ($0.meanScore, $0.observed.value) }, colour: overallColour, width: 1.5)
    for bin in bins {
      svg += "<line x1=\"\(plot.x(bin.meanScore))\" y1=\"\(plot.y(bin.observed.interval.low))\" "
      svg += "x2=\"\(plot.x(bin.meanScore))\" y2=\"\(plot.y(bin.observed.interval.high))\" stroke=\"\(overallColour)\" "
      svg += "stroke-opacity=\"0.45\" stroke-width=\"2\"/>"
      let radius = 3 + 4 * (Double(bin.count) / largest).squareRoot()
      svg += "<circle cx=\"\(plot.x(bin.meanScore))\" cy=\"\(plot.y(bin.observed.value))\" r=\"\(fixed(radius, 1))\" "
      svg +=
        "fill=\"\(overallColour)\" stroke=\"#fff\" stroke-width=\"1.5\"><title>scores \(fixed(bin.lowestScore, 3))–"
      svg += "\(fixed(bin.highestScore, 3)): \(bin.observed.successes) of \(bin.count) with findings</title></circle>"
    }
    svg += "</svg>"
    var table = "<table class=\"calibration\"><thead><tr><th>Scores</th><th class=\"num\">n</th>"
    table += "<th class=\"num\">Mean score</th><th class=\"num\">Observed</th></tr></thead><tbody>"
    for bin in bins {
      table +=
        "<tr><td>\(fixed(bin.lowestScore, 3))–\(fixed(bin.highestScore, 3))</td><td class=\"num\">\(bin.count)</td>"
      table +=
        "<td class=\"num\">\(fixed(bin.meanScore, 3))</td><td class=\"num\">\(fixed(bin.observed.value, 3))</td></tr>"
    }
    table += "</tbody></table>"
    return "<figure><figcaption>Calibration, by score \(bins.count == 10 ? "decile" : "quantile group")</figcaption>"
      + "\(svg)<details><summary>Table</summary>\(table)</details></figure>"
  }

  private var confusionSection: String {
    var html = "<section><h2>Confusion matrices</h2><p class=\"hint\">Rows are the truth, columns the outcome; "
    html += "shading is the share of the row.</p><div class=\"matrices\">"
    html += confusionTable("All captures", overall.confusion, flagged: false)
    for group in subgroups {
      html += confusionTable(
        escapeHTML(group.subgroup.attribute) + " = " + escapeHTML(group.subgroup.value), group.metrics.confusion,
        flagged: group.isFlagged)
    }
    return html + "</div></section>\n"
  }

  private func confusionTable(_ name: String, _ c: ConfusionMatrix, flagged: Bool) -> String {
    func cell(_ count: Int, of total: Int, good: Bool) -> String {
      let share = total > 0 ? Double(count) / Double(total) : 0
      let tint = good ? "37, 99, 235" : "209, 53, 43"
      return "<td style=\"background:rgba(\(tint), \(fixed(0.08 + 0.6 * share, 2)))\">\(count)</td>"
    }
    var html = "<table class=\"confusion\(flagged ? " flagged" : "")\"><caption>\(name)</caption>"
    html += "<thead><tr><th></th><th>finding</th><th>uncertain</th><th>negative</th></tr></thead><tbody>"
    html += "<tr><th>finding</th>" + cell(c.truePositives, of: c.positives, good: true)
    html +=
      cell(c.uncertainPositives, of: c.positives, good: true) + cell(c.falseNegatives, of: c.positives, good: false)
    html += "</tr><tr><th>negative</th>" + cell(c.falsePositives, of: c.negatives, good: false)
    html +=
      cell(c.uncertainNegatives, of: c.negatives, good: false) + cell(c.trueNegatives, of: c.negatives, good: true)
    return html + "</tr></tbody></table>"
  }

  private var operatingPointSection: String {
    var html = "<section><h2>Operating points</h2><p class=\"hint\">Score thresholds chosen on this data (a capture "
    html += "is a finding when its score reaches the threshold), so optimistic for new data.</p>"
    html += "<table class=\"points\"><thead><tr><th>Target</th><th class=\"num\">Threshold</th>"
    html += "<th class=\"num\">Sensitivity</th><th class=\"num\">Specificity</th></tr></thead><tbody>"
    for point in operatingPoints {
      html += "<tr><td>\(escapeHTML(point.target.label))</td><td class=\"num\">\(fixed(point.threshold, 4))</td>"
      html += "<td class=\"num\">\(percent(point.sensitivity.value))</td>"
      html += "<td class=\"num\">\(percent(point.specificity.value))</td></tr>"
    }
    return html + "</tbody></table></section>\n"
  }

  private var methodsSection: String {
    "<footer><h2>Methods</h2><ul>"
      + "<li>Sensitivity, specificity, PPV and NPV follow the policy's outcomes; an <i>uncertain</i> outcome sends "
      + "the capture to a person, so it counts as a positive call.</li>"
      + "<li>Proportions carry Wilson score 95% intervals; the ROC AUC carries DeLong's 95% interval "
      + "(ties count one half).</li>"
      + "<li>A subgroup is flagged when its sensitivity or specificity is more than \(points(options.margin)) "
      + "below the overall figure. Small subgroups have wide intervals: read the bars, not only the dots.</li>"
      + "<li>Calibration groups captures into quantiles of the score and compares the mean score with the observed "
      + "share of findings (whiskers: Wilson intervals).</li></ul></footer>\n"
  }

  private func colour(_ index: Int) -> String {
    if subgroups[index].isFlagged { return flaggedColour }
    let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#8E6C8A", "#8C6D31", "#6B7280"]
    return palette[index % palette.count]
  }
}

private let overallColour = "#1F2937"
private let flaggedColour = "#D1352B"

/// "5 percentage points", "2.5 percentage points".
private func points(_ margin: Double) -> String {
  let text = fixed(margin * 100, 1)
  return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + " percentage points"
}

/// "96.2%"; "–" when undefined.
private func percent(_ value: Double) -> String {
  value.isFinite ? fixed(value * 100, 1) + "%" : "–"
}

private let reportStyle = """
  :root{--ink:#1F2937;--muted:#6B7280;--line:#E5E7EB;--bg:#F8FAFC;--red:#D1352B;--redbg:#FDECEA;--green:#0F766E}
  *{box-sizing:border-box}
  body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
  "Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums}
  main{max-width:1120px;margin:0 auto;padding:32px 28px 48px}
  h1{font-size:28px;margin:0 0 4px;letter-spacing:-.01em}h2{font-size:18px;margin:0 0 6px}
  .subtitle{margin:0;color:var(--muted)}.lede{margin:6px 0 20px;font-size:16px}
  section{margin:0 0 28px}.hint{color:var(--muted);margin:0 0 10px;font-size:13px}
  .banner{border-radius:10px;padding:14px 18px;border:1px solid}
  .banner ul{margin:6px 0 0;padding-left:20px}
  .alert{background:var(--redbg);border-color:#F5B7B1;color:#7F1D1D}
  .ok{background:#ECFDF5;border-color:#A7F3D0;color:#065F46}
  .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px}
  .card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px}
  .card .name{font-size:13px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
  .card .value{font-size:30px;font-weight:650;margin:2px 0}.card .ci{font-size:12.5px;white-space:nowrap}
  .card .note{font-size:12px;color:var(--muted)}
  table{border-collapse:collapse;background:#fff}
  .subgroups{width:100%;border:1px solid var(--line);border-radius:10px;overflow:hidden}
  th,td{padding:7px 10px;text-align:left;border-bottom:1px solid var(--line);font-size:14px}
  thead th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;background:#F9FAFB}
  .num{text-align:right}td.forest{padding:4px 8px;width:136px}td.forest svg{display:block}
  .subgroups td:first-child{white-space:nowrap}
  tr.overall td{font-weight:600;background:#F9FAFB}
  tr.flagged td{background:var(--redbg)}td.short{color:var(--red);font-weight:700}
  .badge{display:inline-block;margin-left:6px;padding:0 7px;border-radius:999px;background:var(--red);color:#fff;
  font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;vertical-align:1px}
  .swatch{display:inline-block;width:10px;height:10px;border-radius:3px;margin-right:8px;vertical-align:0}
  .track{stroke:var(--line);stroke-width:1}.band{fill:var(--red);fill-opacity:.10}
  .reference{stroke:var(--ink);stroke-width:1;stroke-dasharray:3 2}
  .plots{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:16px}
  figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px}
  figcaption{font-weight:600;margin-bottom:6px}figure svg{width:100%;max-width:420px;height:auto;display:block}
  .frame{fill:#fff;stroke:#D1D5DB}.grid{stroke:#F1F5F9}.tick{font-size:11px;fill:var(--muted)}
  .axis{font-size:12px;fill:var(--ink)}
  .legend{list-style:none;padding:0;margin:8px 0 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px}
  .muted{color:var(--muted)}details{margin-top:8px;font-size:13px}
  .matrices{display:flex;flex-wrap:wrap;gap:12px}
  .confusion{border:1px solid var(--line);border-radius:8px}
  .confusion caption{text-align:left;font-weight:600;font-size:13px;padding:0 0 4px}
  .confusion td{text-align:center;min-width:72px;font-weight:600}.confusion th{font-size:12px}
  .confusion.flagged{outline:2px solid var(--red);outline-offset:2px}
  footer{border-top:1px solid var(--line);padding-top:14px;color:var(--muted);font-size:13px}
  footer h2{color:var(--ink);font-size:15px}footer ul{padding-left:18px;margin:0}
  """
