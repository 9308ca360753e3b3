import Testing

@Test func placeholderDiscovery() { #expect(Bool(true)) }
