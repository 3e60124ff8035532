import Foundation
import Pipeline
import Systemd
import Testing

extension EndToEnd {
  /// A daemon that cannot start says why, under the event that explains it, and exits with the status that tells
  /// systemd whether restarting can help.
  @Suite struct StartFailure {
    @Test func aModelThatDoesNotMatchItsCardIsAConfigurationErrorWithStatus78() throws {
      let fixture = try DaemonFixture()
      let card = try String(contentsOfFile: fixture.directory.path + "/model.conf", encoding: .utf8)
      let wrongHash = card.replacingOccurrences(
        of: #"sha256 = [0-9a-f]{64}"#, with: "sha256 = " + String(repeating: "0", count: 64),
        options: .regularExpression)
      fixture.directory.write("model.conf", wrongHash)
      let result = try runEdgediag(["run", "--config", fixture.configPath], in: fixture.directory.path)
      #expect(result.status == 78)
      #expect(result.error.contains("wrong or damaged model file"))
      #expect(result.error.contains("MESSAGE_ID=\(Event.modelLoadFailed.messageID)"))
    }

    @Test func anUnusableStateDirectoryIsAStartFailureThatSystemdMayRetry() throws {
      let fixture = try DaemonFixture()
      let state = fixture.directory.path + "/state"
      try FileManager.default.removeItem(atPath: state)
      fixture.directory.write("state", "a file where the state folder should be")
      let result = try runEdgediag(["run", "--config", fixture.configPath], in: fixture.directory.path)
      #expect(result.status == 1)
      #expect(result.error.contains("cannot open the state directory"))
      #expect(result.error.contains("MESSAGE_ID=\(Event.startFailed.messageID)"))
    }

    /// libcurl is loaded only when forwarding is configured; if it cannot be, start-up says so and what to install.
    @Test func forwardingWithoutALoadableLibcurlIsAConfigurationError() throws {
      let fixture = try DaemonFixture(forward: "url = https://127.0.0.1:9/findings")
      fixture.directory.write("lib/libcurl.so.4", "not a shared library")
      var environment = daemonEnvironment
      environment["LD_LIBRARY_PATH"] = fixture.directory.path + "/lib"
      let result = try runEdgediag(
        ["run", "--config", fixture.configPath], in: fixture.directory.path, environment: environment)
      #expect(result.status == 78)
      #expect(result.error.contains("cannot load libcurl (install libcurl4)"))
    }
  }
}
