import Testing

/// Tests of `edgediag run` as a service: the real executable with a real journald and a notification socket.
/// One at a time, since each runs a daemon that classifies on the shared cores and some measure timing.
@Suite(.serialized) struct ServiceTests {}
