/// The facts of a PNG file that tests check: the 8-byte signature, then the IHDR chunk's size,
/// bit depth and colour type (6 = RGBA, so a transparent background is possible).
public struct PNGHeader: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let bitDepth: Int
    public let colourType: Int

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Nil unless the bytes start with the PNG signature followed by an IHDR chunk.
    public init?<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let head = Array(bytes.prefix(33))
        guard head.count == 33, Array(head[0..<8]) == Self.signature, Array(head[12..<16]) == Array("IHDR".utf8) else { return nil }
        func big(_ at: Int) -> Int { head[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        width = big(16)
        height = big(20)
        bitDepth = Int(head[24])
        colourType = Int(head[25])
    }
}
