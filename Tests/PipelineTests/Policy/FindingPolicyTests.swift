import Pipeline
import Testing

@Suite struct FindingPolicyTests {
  // Output order: normal, lesion, artefact; lesion is a finding at 0.5, artefact at 0.9; band 0.1.
  let policy = FindingPolicy(
    labels: ["normal", "lesion", "artefact"], thresholds: ["lesion": 0.5, "artefact": 0.9], uncertainMargin: 0.1)!

  @Test func aScoreAtItsThresholdIsAFinding() {
    #expect(policy.decide(scores: [0.5, 0.5, 0]) == Decision(outcome: .finding, label: "lesion", score: 0.5))
    #expect(policy.decide(scores: [0, 0.05, 0.95]) == Decision(outcome: .finding, label: "artefact", score: 0.95))
  }

  @Test func theHighestOfSeveralFindingsDecides() {
    #expect(policy.decide(scores: [0, 0.6, 0.92]) == Decision(outcome: .finding, label: "artefact", score: 0.92))
    // A finding beats a higher score that is only uncertain.
    #expect(policy.decide(scores: [0, 0.55, 0.85]) == Decision(outcome: .finding, label: "lesion", score: 0.55))
  }

  @Test func aScoreInTheBandBelowItsThresholdIsUncertain() {
    let decision = policy.decide(scores: [0.55, 0.45, 0])
    #expect(decision.outcome == .uncertain && decision.label == "lesion" && decision.score == 0.45)
    #expect(decision.reason == "score within 0.1 below the threshold 0.5")
    #expect(policy.decide(scores: [0.1, 0.05, 0.85]).label == "artefact")
  }

  @Test func belowTheBandIsNegativeWithTheTopLabel() {
    #expect(policy.decide(scores: [0.61, 0.39, 0]) == Decision(outcome: .negative, label: "normal", score: 0.61))
    // The top label may itself be a finding label below its band.
    #expect(policy.decide(scores: [0.1, 0.1, 0.79]) == Decision(outcome: .negative, label: "artefact", score: 0.79))
  }

  @Test func aZeroMarginHasNoUncertainBand() {
    let strict = FindingPolicy(labels: ["normal", "lesion"], thresholds: ["lesion": 0.5], uncertainMargin: 0)!
    #expect(strict.decide(scores: [0.51, 0.49]).outcome == .negative)
    #expect(strict.decide(scores: [0.5, 0.5]).outcome == .finding)
  }

  @Test func unusableScoresFailInsteadOfGuessing() {
    #expect(
      policy.decide(scores: [0.5, 0.5])
        == Decision(outcome: .failed, label: nil, score: nil, reason: "the model gave 2 scores for 3 labels"))
    #expect(
      policy.decide(scores: [0, .nan, 1])
        == Decision(outcome: .failed, label: nil, score: nil, reason: "the model's scores are not finite"))
    #expect(policy.decide(scores: [0, .infinity, 0]).outcome == .failed)
  }

  @Test func invalidPoliciesAreRefused() {
    #expect(FindingPolicy(labels: [], thresholds: [:], uncertainMargin: 0) == nil)
    #expect(FindingPolicy(labels: ["a"], thresholds: ["b": 0.5], uncertainMargin: 0) == nil)
    #expect(FindingPolicy(labels: ["a"], thresholds: ["a": 0], uncertainMargin: 0) == nil)
    #expect(FindingPolicy(labels: ["a"], thresholds: ["a": 1.5], uncertainMargin: 0) == nil)
    #expect(FindingPolicy(labels: ["a"], thresholds: ["a": 0.5], uncertainMargin: 1) == nil)
  }
}
