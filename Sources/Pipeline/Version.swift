/// The edgediag release, as shown by `edgediag --version` and sent in forwarded findings.
public let edgediagVersion = "0.1.0"
