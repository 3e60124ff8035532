import Platform

/// Writes `text` and a newline to standard error.
func printError(_ text: String) {
  try? FileDescriptor.standardError.writeAll(Array((text + "\n").utf8))
}

/// The default configuration file.
let defaultConfigPath = "/etc/edgediag/edgediag.conf"
