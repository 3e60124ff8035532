import CSystemd

/// Sends a state string to the service manager (`READY=1`, `STATUS=…`, `WATCHDOG=1`…). Without
/// `NOTIFY_SOCKET` (run by hand), nothing is sent. Returns false only when sending failed.
/// The corresponding C function is `sd_notify`.
@discardableResult
public func notify(_ state: String) -> Bool {
  sd_notify(0, state) >= 0
}
