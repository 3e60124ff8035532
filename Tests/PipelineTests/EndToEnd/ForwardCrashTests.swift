import Foundation
import Pipeline
import Synthesis
import Testing

extension EndToEnd {
  /// SIGKILL at random moments while findings are being delivered: every finding reaches the receiver, and a
  /// delivery repeated after a kill carries the same Idempotency-Key.
  @Suite struct ForwardCrash {
    @Test func killedDuringDeliveryEveryFindingReachesTheReceiverUnderItsOwnKey() throws {
      // Slow answers while the daemon is being killed, replays too, so that kills land while a request is in
      // flight.
      let receiver = try TestReceiver()
      receiver.delayEveryAnswer(0.3)
      let fixture = try DaemonFixture(
        forward: "url = \(receiver.url)\nca_file = \(TestReceiver.caFile)\n", findingThreshold: 0.3)
      // New images keep coming, so that every run has findings of its own to deliver, not only retries.
      let flow = CaptureFlow(folder: fixture.capture, newImageEvery: 4)
      let writer = Thread { flow.run() }
      writer.start()
      var random = SplitMix64(seed: 20_261_125)
      var kills = 0
      // When each run that waited for a request started and was killed (receiver's clock: the wall clock).
      var waitedForRequests: [(started: Double, killed: Double)] = []
      for round in 0..<22 {
        let started = Date().timeIntervalSince1970
        let daemon: DaemonProcess
        if round % 2 == 0 {
          daemon = try fixture.start()
          Thread.sleep(forTimeInterval: Double.random(in: 0.2...1.0, using: &random))
        } else {
          // Killed as soon as one of this run's requests reaches the receiver, which logs its arrival before the
          // scripted delay: the daemon is waiting for the answer. Waited for, not timed, so that on a loaded
          // machine kills still land there; the forwarder starts before READY, so READY is not waited for.
          daemon = try fixture.start(waitUntilReady: false)
          let before = receiver.arrivals()
          let deadline = Date().addingTimeInterval(60)
          while receiver.arrivals() == before && daemon.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
          }
        }
        if daemon.isRunning { kills += 1 }
        daemon.killNow()
        if round % 2 == 1 { waitedForRequests.append((started, Date().timeIntervalSince1970)) }
        #expect(daemon.process.terminationReason == .uncaughtSignal, "the daemon exited by itself: \(daemon.log)")
      }
      let names = flow.stop()
      #expect(kills >= 20)
      receiver.delayEveryAnswer(nil)

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
      // Captures of one image share one finding id (one key): one per image that is a finding.
      let findings = Set(findingOutcomes.map { fixture.findingID(imageSHA256: $0.sha256 ?? "") })
      let requests = receiver.requests()
      // A kill mid-delivery: a request of that run arrived before it and was answered after it.
      let killedMidDelivery = waitedForRequests.filter { run in
        requests.contains { request in
          guard let arrived = request["time"] as? Double, let answered = request["answered"] as? Double else {
            return false
          }
          return run.started <= arrived && arrived <= run.killed && answered > run.killed
        }
      }.count
      #expect(
        killedMidDelivery >= waitedForRequests.count / 2,
        "\(killedMidDelivery) of \(waitedForRequests.count) kills timed to a request landed while it was in flight")
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
        "ForwardCrash: \(kills) kills, \(names.count) captures, \(findings.count) findings, \(requests.count) requests, \(repeated) keys delivered more than once, \(killedMidDelivery) kills mid-delivery"
      )
    }
  }
}
