import CPlatform
import Pipeline

let usage = """
  usage: edgediag run [--config PATH]
         edgediag check-config [--config PATH]
         edgediag classify [--config PATH] [--json] FILE...
         edgediag model inspect|run|bench MODEL.tflite ...
         edgediag outcomes [--config PATH] [--since TIME] [--json]
         edgediag outbox [--config PATH] [--json] [retry]
         edgediag --version
  """

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "--version":
  print("edgediag \(edgediagVersion)")
case "--help", "-h", nil:
  print(usage)
default:
  print("edgediag: unknown command '\(arguments.first!)'\n\(usage)")
  exit(2)
}
