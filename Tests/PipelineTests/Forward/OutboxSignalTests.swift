import Platform
import Testing

@testable import Pipeline

/// A signal raised while no forwarder waits (between the reload that stopped one and the start of the next) is
/// kept, so the next wait returns at once; without a raise, a wait lasts until its deadline.
@Test func aRaiseOutlivesTheWaiterItFindsNone() {
  let signal = OutboxSignal()
  signal.raise()
  let start = MonotonicInstant.now
  signal.wait(until: start.advanced(byNanoseconds: 10_000_000_000))
  #expect(MonotonicInstant.now.nanoseconds(since: start) < 5_000_000_000)

  let quiet = MonotonicInstant.now
  signal.wait(until: quiet.advanced(byNanoseconds: 50_000_000))
  #expect(MonotonicInstant.now.nanoseconds(since: quiet) >= 50_000_000)
}

@Test func aRaiseFromAnotherThreadWakesTheWaiter() throws {
  let signal = OutboxSignal()
  let start = MonotonicInstant.now
  let raiser = try Thread(name: "raiser") { signal.raise() }
  signal.wait(until: start.advanced(byNanoseconds: 10_000_000_000))
  raiser.join()
  #expect(MonotonicInstant.now.nanoseconds(since: start) < 5_000_000_000)
}
