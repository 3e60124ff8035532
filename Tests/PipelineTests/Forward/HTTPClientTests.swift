import Foundation
import Pipeline
import Testing

@Suite(.serialized) struct HTTPClientTests {
  let body = Array(#"{"finding_id":"f1"}"#.utf8)
  let headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("Idempotency-Key", "f1")]

  @Test func postsTheBodyWithItsHeadersOverVerifiedTLS() throws {
    let receiver = try TestReceiver()
    let client = try HTTPClient(settings: .init(caFile: TestReceiver.caFile))
    let response = try client.post(url: receiver.url, body: body, headers: headers)
    #expect(response.status == 200)
    let request = try #require(receiver.requests().first)
    let received = try #require(request["headers"] as? [String: String])
    #expect(request["body"] as? String == #"{"finding_id":"f1"}"#)
    #expect(request["path"] as? String == "/findings")
    #expect(received["idempotency-key"] == "f1")
    #expect(received["content-type"] == "application/json")
    #expect(received["user-agent"] == "edgediag/\(edgediagVersion)")
    #expect(received["expect"] == nil)
  }

  @Test func reusesTheHandleForSeveralRequests() throws {
    let receiver = try TestReceiver(script: #"[{"status": 500}]"#)
    let client = try HTTPClient(settings: .init(caFile: TestReceiver.caFile))
    #expect(try client.post(url: receiver.url, body: body, headers: headers).status == 500)
    #expect(try client.post(url: receiver.url, body: body, headers: headers).status == 200)
    #expect(receiver.requests().count == 2)
  }

  @Test func readsRetryAfter() throws {
    let receiver = try TestReceiver(
      script: #"[{"status": 429, "retry_after": "7"}, {"status": 503, "retry_after": "Sun, 06 Nov 1994 08:49:37 GMT"}]"#
    )
    let client = try HTTPClient(settings: .init(caFile: TestReceiver.caFile))
    let first = try client.post(url: receiver.url, body: body, headers: headers)
    #expect(first.status == 429)
    #expect(first.retryAfter == .seconds(7))
    let second = try client.post(url: receiver.url, body: body, headers: headers)
    #expect(second.retryAfter == .date(secondsSinceEpoch: 784_111_777))
    #expect(second.bodyExcerpt == #"{"status": 503}"#)
  }

  @Test func refusesACertificateFromAnotherCA() throws {
    let receiver = try TestReceiver()
    let client = try HTTPClient(settings: .init(caFile: TestReceiver.otherCAFile))
    #expect {
      try client.post(url: receiver.url, body: body, headers: headers)
    } throws: { error in
      guard case .certificateProblem(let message) = error as? ForwardError else { return false }
      return message.contains("certificate")
    }
    #expect(receiver.requests().isEmpty)
  }

  @Test func refusesPlainHTTPWithoutConnecting() throws {
    let client = try HTTPClient(settings: .init())
    #expect(throws: ForwardError.insecureURL) {
      try client.post(url: "http://127.0.0.1:9/findings", body: body, headers: headers)
    }
    #expect(HTTPClient.isHTTPS("HTTPS://example.org"))
    #expect(!HTTPClient.isHTTPS("https:/example.org"))
  }

  /// A TLS server that answers without an HTTP status line (curl: "Received HTTP/0.9 when not allowed") is not a
  /// plain-http url.
  @Test func classifiesAnAnswerThatIsNotHTTP() throws {
    let receiver = try TestReceiver(script: #"[{"raw": "SSH-2.0-OpenSSH_9.2\r\n"}]"#)
    let client = try HTTPClient(settings: .init(caFile: TestReceiver.caFile))
    #expect {
      try client.post(url: receiver.url, body: body, headers: headers)
    } throws: { error in
      let description = (error as? ForwardError)?.description ?? ""
      return description.hasPrefix("the receiver did not answer in HTTP") && description.contains("HTTP/0.9")
    }
  }

  @Test func classifiesARefusedConnection() throws {
    let client = try HTTPClient(settings: .init(caFile: TestReceiver.caFile))
    #expect {
      try client.post(url: "https://127.0.0.1:\(TestReceiver.unusedPort())/", body: body, headers: headers)
    } throws: { error in
      guard case .connectionRefused = error as? ForwardError else { return false }
      return true
    }
  }

  @Test func classifiesATimeout() throws {
    let receiver = try TestReceiver(script: #"[{"delay": 2}]"#)
    let client = try HTTPClient(settings: .init(caFile: TestReceiver.caFile, timeoutMilliseconds: 300))
    #expect {
      try client.post(url: receiver.url, body: body, headers: headers)
    } throws: { error in
      guard case .timedOut = error as? ForwardError else { return false }
      return true
    }
  }

  @Test func classifiesAReset() throws {
    let receiver = try TestReceiver(script: #"[{"reset": true}]"#)
    let client = try HTTPClient(settings: .init(caFile: TestReceiver.caFile))
    #expect {
      try client.post(url: receiver.url, body: body, headers: headers)
    } throws: { error in
      guard case .connectionLost = error as? ForwardError else { return false }
      return true
    }
  }

  @Test func presentsAClientCertificateForMutualTLS() throws {
    let receiver = try TestReceiver(requireClientCertificate: true)
    let anonymous = try HTTPClient(settings: .init(caFile: TestReceiver.caFile))
    #expect(throws: ForwardError.self) { try anonymous.post(url: receiver.url, body: body, headers: headers) }
    let client = try HTTPClient(
      settings: .init(
        caFile: TestReceiver.caFile, clientCertificate: TestReceiver.clientCertificate,
        clientKey: TestReceiver.clientKey))
    #expect(try client.post(url: receiver.url, body: body, headers: headers).status == 200)
  }
}
