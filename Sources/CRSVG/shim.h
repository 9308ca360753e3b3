#ifndef ORGPROFILE_CRSVG_SHIM_H
#define ORGPROFILE_CRSVG_SHIM_H

/* librsvg 2.54 (Debian 12) with cairo; GIO for the memory input stream. */
#include <librsvg/rsvg.h>
#include <cairo.h>
#include <gio/gio.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>

/* A GInputStream over bytes the caller keeps alive until the handle is loaded (no copy, no free). */
static inline GInputStream *crsvg_memory_stream(const void *bytes, long count) {
    return g_memory_input_stream_new_from_data(bytes, (gssize)count, NULL);
}

/* g_object_unref on the two GObject types we create, typed for Swift. */
static inline void crsvg_handle_free(RsvgHandle *handle) { g_object_unref(handle); }
static inline void crsvg_stream_free(GInputStream *stream) { g_object_unref(stream); }

/* PNG encoding with libpng (already loaded through cairo), for renditions: cairo's own writer
   lets libpng try every filter on every row, which cost more than drawing the logo. Rows are
   8-bit RGBA, straight alpha, `width * 4` bytes each, no padding. libpng reports errors by
   longjmp, so the whole encode stays in this C function. */
typedef struct {
    unsigned char *bytes;
    size_t count;
    size_t capacity;
    int failed;
} crsvg_png_output;

static void crsvg_png_append(png_structp png, png_bytep data, size_t length) {
    crsvg_png_output *output = (crsvg_png_output *)png_get_io_ptr(png);
    if (output->failed) return;
    if (output->count + length > output->capacity) {
        size_t capacity = output->capacity ? output->capacity : 4096;
        while (capacity < output->count + length) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(output->bytes, capacity);
        if (!grown) {
            output->failed = 1;
            return;
        }
        output->bytes = grown;
        output->capacity = capacity;
    }
    memcpy(output->bytes + output->count, data, length);
    output->count += length;
}

static void crsvg_png_flush(png_structp png) { (void)png; }

/* One encode: `rows` of `width * channels` bytes each (channels 4: RGBA; 1: palette indices into
   `palette`, `colours` RGBA entries, with a tRNS chunk when any alpha is below 255).
   0 on success (the caller frees `output->bytes` with `crsvg_png_free`), -1 when libpng failed. */
static inline int crsvg_png_encode(const unsigned char *rows, int width, int height, int channels, const unsigned char *palette,
                                   int colours, int filter, int level, crsvg_png_output *output) {
    png_color entries[256];
    png_byte alphas[256];
    int translucent = 0;
    if (channels == 1) {
        if (colours < 1 || colours > 256 || !palette) return -1;
        for (int i = 0; i < colours; i++) {
            entries[i].red = palette[i * 4];
            entries[i].green = palette[i * 4 + 1];
            entries[i].blue = palette[i * 4 + 2];
            alphas[i] = palette[i * 4 + 3];
            if (alphas[i] != 255) translucent = 1;
        }
    } else if (channels != 4) {
        return -1;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (!png) return -1;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    png_set_write_fn(png, output, crsvg_png_append, crsvg_png_flush);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filter);
    png_set_compression_level(png, level);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
                 channels == 1 ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    if (channels == 1) {
        png_set_PLTE(png, info, entries, colours);
        if (translucent) png_set_tRNS(png, info, alphas, colours, NULL);
    }
    png_write_info(png, info);
    for (int row = 0; row < height; row++) png_write_row(png, rows + (size_t)row * (size_t)width * (size_t)channels);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return output->failed ? -1 : 0;
}

/* 8-bit RGBA, straight alpha. */
static inline int crsvg_png_encode_rgba(const unsigned char *rows, int width, int height, int filter, int level,
                                        crsvg_png_output *output) {
    return crsvg_png_encode(rows, width, height, 4, NULL, 0, filter, level, output);
}

/* The same for an image of at most 256 colours: one palette index a pixel (`width` bytes a row),
   `palette` holding `colours` RGBA entries (straight alpha), no row filter (as the PNG
   specification advises for palettes). Four times fewer bytes to deflate than RGBA, and smaller
   files. */
static inline int crsvg_png_encode_indexed(const unsigned char *rows, int width, int height, const unsigned char *palette,
                                           int colours, int level, crsvg_png_output *output) {
    return crsvg_png_encode(rows, width, height, 1, palette, colours, PNG_FILTER_NONE, level, output);
}

static inline void crsvg_png_free(crsvg_png_output *output) {
    free(output->bytes);
    output->bytes = NULL;
    output->count = output->capacity = 0;
}

#endif
