/// A rendered image: cairo's ARGB32 pixels (premultiplied alpha, one `UInt32` per pixel,
/// `0xAARRGGBB`), rows top to bottom, no padding. A plain value, so the analysis is pure.
public struct PixelCanvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt32]

    public init(width: Int, height: Int, pixels: [UInt32]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height, "canvas size and pixel count disagree")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A canvas of one colour: `red`, `green`, `blue` not premultiplied, `alpha` 0...255.
    public static func filled(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) -> PixelCanvas {
        PixelCanvas(
            width: width, height: height,
            pixels: Array(repeating: premultiplied(red: red, green: green, blue: blue, alpha: alpha), count: width * height))
    }

    /// One pixel as cairo stores it.
    public static func premultiplied(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) -> UInt32 {
        func scale(_ channel: UInt8) -> UInt32 { (UInt32(channel) * UInt32(alpha) + 127) / 255 }
        return UInt32(alpha) << 24 | scale(red) << 16 | scale(green) << 8 | scale(blue)
    }

    /// The same canvas with a rectangle painted (replaced, not blended) in one colour; the part of
    /// the rectangle outside the canvas is left out.
    public func painting(_ box: PixelBox, red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) -> PixelCanvas {
        var pixels = self.pixels
        let value = Self.premultiplied(red: red, green: green, blue: blue, alpha: alpha)
        let columns = max(0, box.x)..<max(max(0, box.x), min(width, box.x + box.width))
        let rows = max(0, box.y)..<max(max(0, box.y), min(height, box.y + box.height))
        for y in rows {
            for x in columns { pixels[y * width + x] = value }
        }
        return PixelCanvas(width: width, height: height, pixels: pixels)
    }
}
