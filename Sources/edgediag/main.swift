import CPlatform
import Pipeline
import Platform

// The offline verbs (synthetic captures, evaluation against labels) are left out of the device build, which
// cross/build compiles with NO_OFFLINE_VERBS: the daemon does not need them, and with their Evaluation and
// Synthesis modules they took 224 KB of the x86_64 device binary. The hosted build (`swift build`) has them.
#if NO_OFFLINE_VERBS
  let offlineUsage = ""
  let offlineVerbs: [Verb] = []
#else
  let offlineUsage = """

           edgediag synth --out DIR --count N --seed S [--size WxH] [--sites K] [--prevalence P] [--site-shift NAME]
           edgediag evaluate [--config PATH] [--model CARD] DIR [--json] [--report OUT.html] [--by COLUMN]
                             [--margin M] [--suggest-threshold sensitivity=S|specificity=S]
    """
  let offlineVerbs: [Verb] = [("synth", synth), ("evaluate", evaluate)]
#endif

let usage = """
  usage: edgediag run [--config PATH]
         edgediag check-config [--config PATH]
         edgediag classify [--config PATH] [--json] [--save-tensors DIR] FILE...
         edgediag outcomes [--config PATH] [--since TIME] [--json]
         edgediag outbox [--config PATH] [--json] [retry]
         edgediag model inspect MODEL.tflite [--threads N]
         edgediag model run MODEL.tflite --input IN.npy --output OUT.npy [--threads N]
         edgediag model bench MODEL.tflite [--threads N] [--iterations N] [--json] [--profile [--top N]]\(offlineUsage)
         edgediag --version
  """

/// A verb's name and its body, which takes the verb's arguments and returns the exit status.
typealias Verb = (String, @Sendable (inout ArgumentList) throws(UsageError) -> Int32)

let verbs: [Verb] =
  [
    ("run", runDaemon),
    ("check-config", checkConfig),
    ("classify", classify),
    ("outcomes", listOutcomes),
    ("outbox", outbox),
    ("model", model),
  ] + offlineVerbs

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
