import CPlatform
import Pipeline
import Platform

let usage = """
  usage: edgediag run [--config PATH]
         edgediag check-config [--config PATH]
         edgediag classify [--config PATH] [--json] FILE...
         edgediag model inspect|run|bench MODEL.tflite ...
         edgediag outcomes [--config PATH] [--since TIME] [--json]
         edgediag outbox [--config PATH] [--json] [retry]
         edgediag synth --out DIR --count N --seed S [--size WxH] [--sites K] [--prevalence P] [--site-shift NAME]
         edgediag --version
  """

let arguments = processArguments.dropFirst()
switch arguments.first {
case "--version":
  print("edgediag \(edgediagVersion)")
case "synth":
  exit(runSynth(arguments.dropFirst()))
case "--help", "-h", .none:
  print(usage)
case .some(let verb):
  print("edgediag: unknown command '\(verb)'\n\(usage)")
  exit(2)
}
