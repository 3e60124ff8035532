import CPlatform
import Pipeline
import Platform

let usage = """
  usage: edgediag run [--config PATH]
         edgediag check-config [--config PATH]
         edgediag classify [--config PATH] [--json] [--save-tensors DIR] FILE...
         edgediag outcomes [--config PATH] [--since TIME] [--json]
         edgediag outbox [--config PATH] [--json] [retry]
         edgediag model inspect MODEL.tflite [--threads N]
         edgediag model run MODEL.tflite --input IN.npy --output OUT.npy [--threads N]
         edgediag model bench MODEL.tflite [--threads N] [--iterations N] [--json]
         edgediag synth --out DIR --count N --seed S [--size WxH] [--sites K] [--prevalence P] [--site-shift NAME]
         edgediag evaluate [--config PATH] [--model CARD] DIR [--json] [--report OUT.html] [--by COLUMN]
                           [--margin M] [--suggest-threshold sensitivity=S|specificity=S]
         edgediag --version
  """

/// Each verb takes its arguments and returns the exit status.
let verbs: [(String, @Sendable (inout ArgumentList) throws(UsageError) -> Int32)] = [
  ("run", runDaemon),
  ("check-config", checkConfig),
  ("classify", classify),
  ("outcomes", listOutcomes),
  ("outbox", outbox),
  ("model", model),
  ("synth", synth),
  ("evaluate", evaluate),
]

let arguments = Array(processArguments.dropFirst())
let status: Int32
// The verb is text; a first argument that is not UTF-8 is shown escaped as an unknown command.
switch arguments.first.map({ $0.text ?? $0.displayed }) {
case "--version":
  print("edgediag \(edgediagVersion)")
  status = 0
case "--help", "-h", "help":
  print(usage)
  status = 0
case .none:
  printError(usage)
  status = 2
case .some(let name):
  if let verb = verbs.first(where: { $0.0 == name })?.1 {
    var list = ArgumentList(verb: name, arguments.dropFirst())
    do { status = try verb(&list) } catch {
      printError("edgediag \(error.message)\n\(usage)")
      status = 2
    }
  } else {
    printError("edgediag: unknown command '\(name)'\n\(usage)")
    status = 2
  }
}
exit(status)
