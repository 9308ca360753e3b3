@testable import Discovery

/// Bytes → raster logo header (`RasterImageHeader`): what a site serves as its PNG, JPEG or WebP
/// header logo, read by signature, IHDR/SOFn/VP8* and chunk structure before it is kept.
enum RasterFuzz {
    static func run(_ input: UnsafeRawBufferPointer) {
        let bytes = [UInt8](input)
        let read = RasterImageHeader.read(bytes)
        let judged = RasterImageHeader.judge(bytes)
        precondition(read == RasterImageHeader.read(bytes), "raster header reading is not deterministic")
        switch judged {
        case .success(let info):
            // Kept: a header that reads the same, within every limit.
            precondition(read == .success(info), "judged \(info) but read \(read)")
            precondition(bytes.count <= RasterImageHeader.maxBytes, "kept \(bytes.count) bytes")
            precondition(
                info.width >= RasterImageHeader.minSide && info.height >= RasterImageHeader.minSide
                    && info.width <= RasterImageHeader.maxSide && info.height <= RasterImageHeader.maxSide
                    && info.width * info.height <= RasterImageHeader.maxPixels,
                "kept an image of \(info.width)×\(info.height)")
        case .failure(let rejection):
            precondition(!rejection.message.isEmpty, "a rejection without a message")
        }
        if case .success(let info) = read { precondition(info.width > 0 && info.height > 0, "read a size of \(info.width)×\(info.height)") }
    }
}
