import Testing

/// The suites that start `orgprofile` processes and test webs run one at a time: on a 2-core
/// machine, running them side by side starves the timing-sensitive HTTP tests of other targets.
@Suite(.serialized) enum DaemonProcessTests {}
