import Testing

@Test func placeholderCurlHTTP() { #expect(Bool(true)) }
