#ifndef ORGPROFILE_CRSVG_SHIM_H
#define ORGPROFILE_CRSVG_SHIM_H

/* librsvg 2.54 (Debian 12) with cairo; GIO for the memory input stream. */
#include <librsvg/rsvg.h>
#include <cairo.h>
#include <gio/gio.h>

/* A GInputStream over bytes the caller keeps alive until the handle is loaded (no copy, no free). */
static inline GInputStream *crsvg_memory_stream(const void *bytes, long count) {
    return g_memory_input_stream_new_from_data(bytes, (gssize)count, NULL);
}

/* g_object_unref on the two GObject types we create, typed for Swift. */
static inline void crsvg_handle_free(RsvgHandle *handle) { g_object_unref(handle); }
static inline void crsvg_stream_free(GInputStream *stream) { g_object_unref(stream); }

#endif
