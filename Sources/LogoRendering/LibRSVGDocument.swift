internal import CRSVG

/// Why librsvg or cairo could not do what was asked: librsvg's own message, or ours.
struct RenderError: Error {
    let message: String
}

/// One SVG document loaded by librsvg. The only file of this module that touches C: handles,
/// surfaces and GErrors never leave it. Not shared between threads: each render loads its own.
final class LibRSVGDocument {
    private let handle: UnsafeMutablePointer<RsvgHandle>

    /// Loads from memory with no base file and without `RSVG_HANDLE_FLAG_UNLIMITED`: librsvg then
    /// resolves no relative or remote reference (only `data:` URLs) and keeps libxml2's size limits.
    init(_ bytes: [UInt8]) throws(RenderError) {
        guard !bytes.isEmpty else { throw RenderError(message: "the file is empty") }
        var error: UnsafeMutablePointer<GError>?
        let loaded = bytes.withUnsafeBytes { buffer -> UnsafeMutablePointer<RsvgHandle>? in
            guard let stream = crsvg_memory_stream(buffer.baseAddress, buffer.count) else { return nil }
            defer { crsvg_stream_free(stream) }
            return rsvg_handle_new_from_stream_sync(stream, nil, RSVG_HANDLE_FLAGS_NONE, nil, &error)
        }
        guard let loaded else { throw RenderError(message: "librsvg could not read it: \(Self.take(error))") }
        if error != nil { g_error_free(error) }
        handle = loaded
        rsvg_handle_set_dpi(handle, 96)
    }

    deinit { crsvg_handle_free(handle) }

    /// Width and height in CSS pixels when the root has absolute ones, else the viewBox's; nil
    /// when neither gives a positive size.
    var intrinsicSize: (width: Double, height: Double)? {
        var width = 0.0
        var height = 0.0
        if rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) != 0, width > 0, height > 0, width.isFinite,
            height.isFinite
        {
            return (width, height)
        }
        var hasViewBox: gboolean = 0
        var viewBox = RsvgRectangle()
        rsvg_handle_get_intrinsic_dimensions(handle, nil, nil, nil, nil, &hasViewBox, &viewBox)
        if hasViewBox != 0, viewBox.width > 0, viewBox.height > 0, viewBox.width.isFinite, viewBox.height.isFinite {
            return (viewBox.width, viewBox.height)
        }
        return nil
    }

    /// Draws the whole document into `viewport` (canvas pixels; may reach outside the canvas) on a
    /// transparent `width`×`height` ARGB32 surface.
    func render(width: Int, height: Int, viewport: (x: Double, y: Double, width: Double, height: Double)) throws(RenderError)
        -> CairoImage
    {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw RenderError(message: "cairo could not create a \(width)×\(height) surface")
        }
        let image = CairoImage(surface)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw RenderError(
                message: "cairo could not create a \(width)×\(height) surface: \(Self.describe(cairo_surface_status(surface)))")
        }
        let context = cairo_create(surface)
        defer { cairo_destroy(context) }
        var rectangle = RsvgRectangle(x: viewport.x, y: viewport.y, width: viewport.width, height: viewport.height)
        var error: UnsafeMutablePointer<GError>?
        guard rsvg_handle_render_document(handle, context, &rectangle, &error) != 0 else {
            throw RenderError(message: "librsvg could not draw it: \(Self.take(error))")
        }
        if error != nil { g_error_free(error) }
        cairo_surface_flush(surface)
        return image
    }

    /// The message of a GError, freed.
    private static func take(_ error: UnsafeMutablePointer<GError>?) -> String {
        guard let error else { return "no reason given" }
        defer { g_error_free(error) }
        return error.pointee.message.map { String(cString: $0) } ?? "no reason given"
    }

    static func describe(_ status: cairo_status_t) -> String {
        cairo_status_to_string(status).map { String(cString: $0) } ?? "cairo status \(status.rawValue)"
    }
}

/// A cairo image surface, destroyed with the value.
final class CairoImage {
    private let surface: OpaquePointer

    init(_ surface: OpaquePointer) { self.surface = surface }

    deinit { cairo_surface_destroy(surface) }

    /// The pixels, copied row by row (cairo pads rows to its stride).
    var canvas: PixelCanvas {
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            return PixelCanvas(width: width, height: height, pixels: Array(repeating: 0, count: width * height))
        }
        var pixels = [UInt32](repeating: 0, count: width * height)
        pixels.withUnsafeMutableBytes { target in
            for row in 0..<height {
                (target.baseAddress! + row * width * 4).copyMemory(from: data + row * stride, byteCount: width * 4)
            }
        }
        return PixelCanvas(width: width, height: height, pixels: pixels)
    }

    /// PNG bytes: 8-bit straight alpha, as the PNG format has it (unpremultiplied as cairo's own
    /// writer does, so the pixels are the same). An image of at most 256 colours (a flat logo with
    /// its anti-aliased edges often is) is written with a palette, one byte a pixel; any other as
    /// RGBA. Encoded by libpng with no row filter and zlib level `pngCompressionLevel`: cairo's
    /// writer let libpng try all five filters on every row at level 6, which cost about as much as
    /// the rest of the render; deflate's cost follows the bytes it is given, so the palette cuts
    /// it to a quarter.
    func png() throws(RenderError) -> [UInt8] {
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard width > 0, height > 0, let data = cairo_image_surface_get_data(surface) else {
            throw RenderError(message: "cairo gave no pixels to encode")
        }
        var rows = [UInt8](repeating: 0, count: width * height * 4)
        var indices = [UInt8](repeating: 0, count: width * height)
        // Straight RGBA (bytes R, G, B, A of a little-endian UInt32) -> palette index, while the
        // image has at most 256 colours.
        var paletteIndex: [UInt32: UInt8] = [:]
        var palette: [UInt8] = []
        var indexed = true
        rows.withUnsafeMutableBufferPointer { target in
            indices.withUnsafeMutableBufferPointer { indices in
                // Logos are long runs of one pixel value: each value is converted and looked up once a run.
                var runPixel = ~UnsafeRawPointer(data).assumingMemoryBound(to: UInt32.self)[0]
                var straight: UInt32 = 0
                var runIndex: UInt8 = 0
                for row in 0..<height {
                    let source = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
                    var offset = row * width * 4
                    var pixelOffset = row * width
                    for column in 0..<width {
                        let pixel = source[column]
                        if pixel != runPixel {
                            runPixel = pixel
                            straight = Self.straightRGBA(pixel)
                            if indexed {
                                if let index = paletteIndex[straight] {
                                    runIndex = index
                                } else if paletteIndex.count < 256 {
                                    runIndex = UInt8(paletteIndex.count)
                                    paletteIndex[straight] = runIndex
                                    withUnsafeBytes(of: straight.littleEndian) { palette.append(contentsOf: $0) }
                                } else {
                                    indexed = false
                                }
                            }
                        }
                        withUnsafeBytes(of: straight.littleEndian) { bytes in
                            target[offset] = bytes[0]
                            target[offset + 1] = bytes[1]
                            target[offset + 2] = bytes[2]
                            target[offset + 3] = bytes[3]
                        }
                        indices[pixelOffset] = runIndex
                        offset += 4
                        pixelOffset += 1
                    }
                }
            }
        }
        var output = crsvg_png_output()
        defer { crsvg_png_free(&output) }
        let status =
            indexed
            ? indices.withUnsafeBufferPointer { indices in
                palette.withUnsafeBufferPointer {
                    crsvg_png_encode_indexed(
                        indices.baseAddress, Int32(width), Int32(height), $0.baseAddress, Int32(paletteIndex.count),
                        Self.pngCompressionLevel, &output)
                }
            }
            : rows.withUnsafeBufferPointer {
                crsvg_png_encode_rgba($0.baseAddress, Int32(width), Int32(height), PNG_FILTER_NONE, Self.pngCompressionLevel, &output)
            }
        guard status == 0, let bytes = output.bytes else { throw RenderError(message: "libpng could not encode the PNG") }
        return [UInt8](UnsafeBufferPointer(start: bytes, count: output.count))
    }

    /// cairo's premultiplied 0xAARRGGBB as straight RGBA, the bytes R, G, B, A of a little-endian
    /// `UInt32`; rounded to nearest as cairo's own writer does.
    static func straightRGBA(_ pixel: UInt32) -> UInt32 {
        let alpha = pixel >> 24
        if alpha == 0 { return 0 }
        var red = pixel >> 16 & 0xFF
        var green = pixel >> 8 & 0xFF
        var blue = pixel & 0xFF
        if alpha != 255 {
            red = (red * 255 + alpha / 2) / alpha
            green = (green * 255 + alpha / 2) / alpha
            blue = (blue * 255 + alpha / 2) / alpha
        }
        return red | green << 8 | blue << 16 | alpha << 24
    }

    /// Level 3, measured on the accepted corpus and the test logos at 256 px, no filter: files 9 %
    /// larger than cairo's writer made, for a third of level 6's deflate work (level 6 made files
    /// 12 % smaller than cairo's, but deflate was then 40 % of a cold refresh's instructions in
    /// scripts/bench-callgrind; level 1 saves little more and makes them 16 % larger).
    static let pngCompressionLevel: Int32 = 3

    /// PNG bytes encoded by cairo's own writer (every libpng filter tried on every row): what
    /// `png()` replaced, kept for tests that compare the two.
    func cairoPNG() throws(RenderError) -> [UInt8] {
        var bytes: [UInt8] = []
        let status = withUnsafeMutablePointer(to: &bytes) { pointer in
            cairo_surface_write_to_png_stream(
                surface,
                { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                    closure.assumingMemoryBound(to: [UInt8].self).pointee.append(
                        contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                    return CAIRO_STATUS_SUCCESS
                }, pointer)
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError(message: "cairo could not encode the PNG: \(LibRSVGDocument.describe(status))")
        }
        return bytes
    }

    /// The pixels of a PNG as cairo reads it (premultiplied ARGB32), for tests; nil when cairo
    /// cannot read it.
    static func decodePNG(_ png: [UInt8]) -> PixelCanvas? {
        var remaining = png[...]
        let surface = withUnsafeMutablePointer(to: &remaining) { pointer in
            cairo_image_surface_create_from_png_stream(
                { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
                    let source = closure.assumingMemoryBound(to: ArraySlice<UInt8>.self)
                    guard source.pointee.count >= Int(length) else { return CAIRO_STATUS_READ_ERROR }
                    for index in 0..<Int(length) { data[index] = source.pointee.removeFirst() }
                    return CAIRO_STATUS_SUCCESS
                }, pointer)
        }
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS,
            cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32
        else {
            if let surface { cairo_surface_destroy(surface) }
            return nil
        }
        return CairoImage(surface).canvas
    }
}
