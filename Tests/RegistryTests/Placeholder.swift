import Testing

@Test func placeholderRegistry() { #expect(Bool(true)) }
