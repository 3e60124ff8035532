import Foundation
import Pipeline
import Synthesis
import Testing

extension EndToEnd {
  /// SIGKILL at random moments while findings are being delivered: every finding reaches the receiver, and a
  /// delivery repeated after a kill carries the same Idempotency-Key.
  @Suite struct ForwardCrash {
    @Test func killedDuringDeliveryEveryFindingReachesTheReceiverUnderItsOwnKey() throws {
      // Slow answers for the first requests, so that kills land while a request is in flight.
      let slow = Array(repeating: #"{"delay": 0.3}"#, count: 40).joined(separator: ", ")
      let receiver = try TestReceiver(script: "[\(slow)]")
      let fixture = try DaemonFixture(
        forward: "url = \(receiver.url)\nca_file = \(TestReceiver.caFile)\n", findingThreshold: 0.3)
      let flow = CaptureFlow(folder: fixture.capture)
      let writer = Thread { flow.run() }
      writer.start()
      var random = SplitMix64(seed: 20_261_125)
      var kills = 0
      for round in 0..<22 {
        let daemon = try fixture.start()
        if round % 2 == 0 {
          Thread.sleep(forTimeInterval: Double.random(in: 0.2...1.0, using: &random))
        } else {
          // As soon as the receiver logs one of this run's requests, which it does before answering: the daemon
          // is waiting for the answer. Waited for, not timed, so that on a loaded machine kills still land there.
          let before = receiver.requests().count
          let deadline = Date().addingTimeInterval(60)
          while receiver.requests().count == before && daemon.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
          }
        }
        if daemon.isRunning { kills += 1 }
        daemon.killNow()
        #expect(daemon.process.terminationReason == .uncaughtSignal, "the daemon exited by itself: \(daemon.log)")
      }
      let names = flow.stop()
      #expect(kills >= 20)
      let requestsDuringKills = receiver.requests().count

      let last = try fixture.start()
      let outcomes = try fixture.waitForOutcomes(count: names.count, stall: 60)
      // Until the outbox is empty, for as long as deliveries make progress.
      var pending = try fixture.outboxFindings()
      var progress = Date()
      while !pending.isEmpty && Date().timeIntervalSince(progress) < 60 {
        Thread.sleep(forTimeInterval: 0.5)
        let next = try fixture.outboxFindings()
        if next.count < pending.count { progress = Date() }
        pending = next
      }
      #expect(last.terminate() == 0)
      #expect(pending.isEmpty, "\(pending.count) findings still in the outbox")
      expectOneOutcomeEach(outcomes, for: names)

      let findingOutcomes = outcomes.filter { $0.outcome == "finding" }
      #expect(findingOutcomes.count > names.count / 10, "\(findingOutcomes.count) findings in \(names.count) captures")
      // The flow writes 16 images again and again: one finding id (one key) per image that is a finding.
      let findings = Set(findingOutcomes.map { fixture.findingID(imageSHA256: $0.sha256 ?? "") })
      let requests = receiver.requests()
      #expect(requestsDuringKills > 0, "no delivery was under way while the daemon was being killed")
      var byKey: [String: [[String: Any]]] = [:]
      for request in requests {
        let key = (request["headers"] as? [String: String])?["idempotency-key"]
        #expect(key != nil, "a request without an Idempotency-Key")
        if let key { byKey[key, default: []].append(request) }
      }
      let missing = findings.subtracting(byKey.keys)
      let unknown = Set(byKey.keys).subtracting(findings)
      #expect(missing.isEmpty, "\(missing.count) of \(findings.count) findings never reached the receiver")
      #expect(unknown.isEmpty, "the receiver saw keys of no finding: \(unknown.sorted().prefix(10))")
      // Per key: one first acceptance; every other 2xx answer is a replay of it.
      for (key, deliveries) in byKey {
        let accepted = deliveries.filter { ($0["status"] as? Int).map { (200..<300).contains($0) } ?? false }
        let first = accepted.filter { $0["replayed"] as? Bool == false }
        #expect(first.count == 1, "finding \(key) was accepted \(first.count) times without being a replay")
      }
      let repeated = byKey.values.filter { $0.count > 1 }.count
      print(
        "ForwardCrash: \(kills) kills, \(names.count) captures, \(findings.count) findings, \(requests.count) requests, \(repeated) keys delivered more than once"
      )
    }
  }
}
