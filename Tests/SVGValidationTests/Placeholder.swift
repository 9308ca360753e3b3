import Testing

@Test func placeholderSVG() { #expect(Bool(true)) }
