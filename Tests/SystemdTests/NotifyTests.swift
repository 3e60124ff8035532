import Systemd
import Testing

@Test func notifyWithoutASocketIsANoOp() {
  #expect(notify("STATUS=test") == true)
}
