import CPlatform

/// The value of the environment variable `name`, or nil if it is not set.
/// The corresponding C function is `getenv`.
public func environmentVariable(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}
