import Platform
import Testing

@testable import Pipeline

/// After an unclean stop, captures a worker had started on (attempts > 0) go to the workers one at a time, so
/// that a capture merely in flight beside the one that crashed the daemon is not charged for it.
@Suite struct BacklogTests {
  static func job(_ name: String, attempts: Int = 0) -> CaptureJob {
    CaptureJob(
      id: name, key: CaptureKey(path: FilePath("/capture/" + name), size: 1, modifiedNanoseconds: 1, inode: 1),
      previousAttempts: attempts)
  }

  @Test func capturesStartedByACrashedRunAreHandedOutOneAtATime() {
    var backlog = Backlog(capacity: 16)
    backlog.append(Self.job("fresh"))
    backlog.append(Self.job("innocent", attempts: 1))
    backlog.append(Self.job("poison", attempts: 1))
    #expect(backlog.popFirst()?.id == "innocent")
    #expect(backlog.popFirst() == nil, "a second capture went out beside a suspect")
  }

  @Test func theNextSuspectGoesOnlyWhenNothingIsInFlightThenTheRestFlows() {
    var backlog = Backlog(capacity: 16)
    backlog.append(Self.job("a"))
    #expect(backlog.popFirst()?.id == "a")
    backlog.append(Self.job("suspect-1", attempts: 2))
    backlog.append(Self.job("suspect-2", attempts: 1))
    backlog.append(Self.job("b"))
    backlog.append(Self.job("c"))
    #expect(backlog.popFirst() == nil, "a suspect went out while another capture was in flight")
    backlog.finished(1)
    #expect(backlog.popFirst()?.id == "suspect-1")
    #expect(backlog.popFirst() == nil)
    backlog.finished(1)
    #expect(backlog.popFirst()?.id == "suspect-2")
    #expect(backlog.popFirst() == nil)
    backlog.finished(1)
    #expect(backlog.popFirst()?.id == "b")
    #expect(backlog.popFirst()?.id == "c")
    #expect(backlog.popFirst() == nil && backlog.count == 0)
  }
}
