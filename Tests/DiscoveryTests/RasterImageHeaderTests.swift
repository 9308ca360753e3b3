import Foundation
import TestSupport
import Testing

@testable import Discovery

/// Raster logos are judged by their bytes (signature, header, chunk structure), never by their
/// extension or Content-Type. The files are the fictional site's logos, written by
/// `Tests/TestWeb/tools/make_raster_fallback_logos.py` (240×60 unless named otherwise).
@Suite("Raster image headers")
struct RasterImageHeaderTests {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = TestWeb.testWebDirectory.appendingPathComponent("sites/www.rasterlogo.test/bilder/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    @Test(arguments: [
        ("rasterlogo.png", RasterImageFormat.png),
        ("rasterlogo.jpg", .jpeg),
        ("rasterlogo-progressive.jpg", .jpeg),
        ("rasterlogo.webp", .webp),
        ("rasterlogo-lossless.webp", .webp),
        ("rasterlogo-alpha.webp", .webp),
    ])
    func readsFormatAndSizeFromTheBytes(name: String, format: RasterImageFormat) throws {
        let info = try RasterImageHeader.judge(try Self.bytes(name)).get()
        #expect(info.format == format)
        #expect(info.width == 240 && info.height == 60, "\(info)")
    }

    @Test func anHTMLPageNamedLogoPNGIsNotAnImage() throws {
        let page = Array("<!DOCTYPE html><html><head><title>Fant ikke siden</title></head><body>404</body></html>".utf8)
        let rejection = try #require(RasterImageHeader.judge(page).failure)
        #expect(rejection.reason == .notAnImage)
        #expect(rejection.message.contains("HTML page"), "\(rejection.message)")
    }

    @Test func aTruncatedImageIsRefused() throws {
        for name in ["rasterlogo.png", "rasterlogo.jpg", "rasterlogo.webp"] {
            let whole = try Self.bytes(name)
            let rejection = try #require(RasterImageHeader.judge(Array(whole.prefix(whole.count * 2 / 3))).failure, "\(name)")
            #expect(rejection.reason == .truncated, "\(name): \(rejection.message)")
        }
    }

    @Test func aPNGWhoseHeaderChecksumIsWrongIsRefused() throws {
        var png = try Self.bytes("rasterlogo.png")
        png[20] ^= 0x01  // height's low byte inside IHDR: the CRC no longer matches
        let rejection = try #require(RasterImageHeader.judge(png).failure)
        #expect(rejection.reason == .malformed, "\(rejection.message)")
    }

    @Test func aJPEGWithoutAFrameHeaderIsRefused() throws {
        // SOI, an APP0 segment, EOI: no SOFn, so no size.
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xD9]
        #expect(RasterImageHeader.judge(jpeg).failure?.reason == .malformed)
    }

    @Test func faviconSizedImagesAreTooSmall() throws {
        let rejection = try #require(RasterImageHeader.judge(try Self.bytes("rasterlogo-20px.png")).failure)
        #expect(rejection.reason == .tooSmall)
        #expect(rejection.message.contains("20 px"), "\(rejection.message)")
    }

    @Test func animatedImagesAndGIFsAreNotKept() throws {
        #expect(RasterImageHeader.judge(try Self.bytes("rasterlogo-animated.png")).failure?.reason == .animated)
        #expect(RasterImageHeader.judge(try Self.bytes("rasterlogo-animated.webp")).failure?.reason == .animated)
        #expect(RasterImageHeader.judge(try Self.bytes("rasterlogo.gif")).failure?.reason == .unsupportedFormat)
    }

    @Test func aHugeCanvasIsRefusedBeforeAnyoneDecodesIt() throws {
        // A valid IHDR declaring 20000×20000 (400 Mpx, 1.6 GB decoded) in a few hundred bytes.
        var png = try Self.bytes("rasterlogo.png")
        png.replaceSubrange(16..<24, with: [0x00, 0x00, 0x4E, 0x20, 0x00, 0x00, 0x4E, 0x20])
        let crc = RasterImageHeader.crc32(png[12..<29])
        png.replaceSubrange(29..<33, with: withUnsafeBytes(of: crc.bigEndian, Array.init))
        let rejection = try #require(RasterImageHeader.judge(png).failure)
        #expect(rejection.reason == .tooManyPixels, "\(rejection.message)")
        // The header itself reads fine: only the limit refuses it.
        #expect((try? RasterImageHeader.read(png).get())?.width == 20000)
    }

    @Test func tooManyBytesAreRefused() throws {
        var png = try Self.bytes("rasterlogo.png")
        png += [UInt8](repeating: 0, count: RasterImageHeader.maxBytes)
        #expect(RasterImageHeader.judge(png).failure?.reason == .tooLarge)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
