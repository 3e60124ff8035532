import Imaging
import Testing

@testable import Pipeline

/// The capture deadline counts decoding and inference together: a capture whose decode alone takes most of it
/// fails it, as README's `failed (deadline …)` promises.
@Test func decodingCountsTowardTheDeadline() {
  let slowDecode = Classification(
    outcome: .negative, reason: "", scores: [0.9, 0.1], decodeMicroseconds: 80_000, inferenceMicroseconds: 30_000)
  let reason = CaptureProcessor.deadlineOverrun(slowDecode, milliseconds: 100)
  #expect(
    reason == "deadline: decoding and inference took 110 ms (decoding 80 ms, inference 30 ms), over 100 ms")
}

@Test func aCaptureWithinTheDeadlineKeepsItsOutcome() {
  let quick = Classification(
    outcome: .finding, reason: "", scores: [0.1, 0.9], decodeMicroseconds: 60_000, inferenceMicroseconds: 40_000)
  #expect(CaptureProcessor.deadlineOverrun(quick, milliseconds: 100) == nil)
  let rejected = Classification(outcome: .rejected, reason: "truncated", scores: [], decodeMicroseconds: 500_000)
  #expect(CaptureProcessor.deadlineOverrun(rejected, milliseconds: 100) == nil)
}
