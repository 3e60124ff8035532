import Testing

/// The acceptance tests of "Capture to outcome": the real `edgediag` executable, run as a daemon on real files in
/// temporary folders, checked through its own verbs (`outcomes --json`, `outbox --json`).
///
/// Serialized: each test runs one or two daemons with two workers, and the machine they run on is small.
@Suite(.serialized) enum EndToEnd {}
