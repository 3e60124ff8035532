import Imaging
import Testing

@testable import Pipeline

/// `evaluate` and `classify` without a configuration decode with `DecodeLimits()`; the daemon with `[capture]`'s
/// defaults. They are one set of limits, the one config/edgediag.conf documents.
@Test func imagingAndConfigurationShareTheDefaultDecodeLimits() {
  #expect(Configuration.Capture().decodeLimits == DecodeLimits())
  #expect(DecodeLimits().maxMemoryBytes == 134_217_728 && DecodeLimits().maxScans == 64)
}
