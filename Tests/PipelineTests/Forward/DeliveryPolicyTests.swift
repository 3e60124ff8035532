import Pipeline
import Synthesis
import TestSupport
import Testing

/// SplitMix64: a seeded generator, so that jittered delays are reproducible.
struct DeliveryPolicyTests {
  let policy = DeliveryPolicy(baseDelayMilliseconds: 1000, maximumDelayMilliseconds: 300_000)
  let now: Int64 = 1_700_000_000 * 1_000_000_000

  func decide(_ result: Result<HTTPResponse, ForwardError>, attempt: Int = 0, seed: UInt64 = 1) -> DeliveryDecision {
    var random = SeededGenerator(state: seed)
    return policy.decide(result, attempt: attempt, now: now, using: &random)
  }

  func delay(_ decision: DeliveryDecision) -> Int64? {
    if case .retry(let delay, _, _) = decision { return delay }
    return nil
  }

  @Test(arguments: [200, 201, 202, 204, 299]) func successIsDelivered(status: Int) {
    #expect(decide(.success(HTTPResponse(status: status))) == .delivered)
  }

  @Test(arguments: [408, 429, 500, 502, 503, 504, 599]) func transientStatusesAreRetried(status: Int) throws {
    let decision = decide(.success(HTTPResponse(status: status)), attempt: 3)
    let delay = try #require(self.delay(decision))
    #expect((0...8000).contains(delay))
    #expect(decision == .retry(afterMilliseconds: delay, reason: "HTTP \(status)", isError: false))
  }

  @Test(arguments: [301, 400, 404, 409, 410, 413, 415, 422]) func otherStatusesFail(status: Int) {
    #expect(decide(.success(HTTPResponse(status: status))) == .failed(reason: "HTTP \(status)"))
  }

  @Test func aFailureKeepsTheReceiversExplanation() {
    let response = HTTPResponse(status: 422, bodyExcerpt: "missing field label")
    #expect(decide(.success(response)) == .failed(reason: "HTTP 422: missing field label"))
  }

  @Test(arguments: [401, 403]) func refusedCredentialsAreRetriedAsErrors(status: Int) throws {
    guard case .retry(_, _, let isError) = decide(.success(HTTPResponse(status: status))) else {
      Issue.record("not retried")
      return
    }
    #expect(isError)
  }

  @Test func transportFailuresAreRetriedAndCertificateProblemsReportedAsErrors() {
    for error in [ForwardError.connectionRefused("x"), .timedOut("x"), .connectionLost("x"), .unresolvedHost("x")] {
      guard case .retry(_, let reason, let isError) = decide(.failure(error)) else {
        Issue.record("\(error) not retried")
        continue
      }
      #expect(reason == error.description)
      #expect(!isError)
    }
    guard case .retry(_, let reason, true) = decide(.failure(.certificateProblem("unable to get local issuer")))
    else {
      Issue.record("certificate problem not retried as an error")
      return
    }
    #expect(reason.contains("unable to get local issuer"))
  }

  @Test func retryAfterReplacesTheBackoffAndIsCapped() {
    #expect(delay(decide(.success(HTTPResponse(status: 429, retryAfter: .seconds(30))))) == 30_000)
    #expect(delay(decide(.success(HTTPResponse(status: 503, retryAfter: .seconds(86_400))))) == 300_000)
    let inTwoMinutes = RetryAfter.date(secondsSinceEpoch: now / 1_000_000_000 + 120)
    #expect(delay(decide(.success(HTTPResponse(status: 429, retryAfter: inTwoMinutes)))) == 120_000)
    let past = RetryAfter.date(secondsSinceEpoch: 0)
    #expect(delay(decide(.success(HTTPResponse(status: 503, retryAfter: past)))) == 0)
  }

  @Test func backoffGrowsExponentiallyWithFullJitterUpToTheCap() {
    var random = SeededGenerator(state: 42)
    for attempt in 0..<40 {
      let ceiling = min(300_000, Int64(1000) << Int64(min(attempt, 20)))
      let draws = (0..<200).map { _ in policy.backoffMilliseconds(attempt: attempt, using: &random) }
      #expect(draws.allSatisfy { (0...ceiling).contains($0) })
      // Full jitter spreads over the whole range, not only near its top.
      #expect(draws.contains { $0 < ceiling / 4 } && draws.contains { $0 > ceiling * 3 / 4 })
    }
  }

  @Test func theSameSeedGivesTheSameDelays() {
    let first = decide(.success(HTTPResponse(status: 500)), attempt: 5, seed: 7)
    #expect(first == decide(.success(HTTPResponse(status: 500)), attempt: 5, seed: 7))
    #expect(first != decide(.success(HTTPResponse(status: 500)), attempt: 5, seed: 8))
  }
}
