// The orchestrator, the plugin's main module: its exports are what `hearth call` sees (strings,
// bytes and numbers through guest-abi/c/hearth_abi.h), and it does the work by calling the math,
// crypto and image modules. Each of those has its own memory, which this module cannot read or
// write, so everything crosses as numbers: 8 message bytes per call into crypto, one RGBA
// pixel per call into and out of image (README.md, "Design").
#include "hearth_abi.h"

#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

IMPORT("math", "add") int32_t math_add(int32_t a, int32_t b);

IMPORT("crypto", "sha256_reset") void sha256_reset(void);
IMPORT("crypto", "sha256_update") void sha256_update(uint64_t word, uint32_t count);
IMPORT("crypto", "sha256_finish") void sha256_finish(void);
IMPORT("crypto", "sha256_digest_word") uint32_t sha256_digest_word(uint32_t index);

IMPORT("image", "image_begin") int32_t image_begin(uint32_t pixels);
IMPORT("image", "image_set") void image_set(uint32_t index, uint32_t rgba);
IMPORT("image", "image_grayscale") void image_grayscale(void);
IMPORT("image", "image_get") uint32_t image_get(uint32_t index);
IMPORT("image", "reserve") int32_t image_reserve(int32_t pages);

/* Sends `len` bytes to crypto's current message, 8 per call. */
static void hash_bytes(const uint8_t *bytes, size_t len) {
    size_t i = 0;
    for (; len - i >= 8; i += 8) {
        uint64_t word;
        __builtin_memcpy(&word, bytes + i, 8);  /* little-endian: bytes[i] is the lowest */
        sha256_update(word, 8);
    }
    uint64_t tail = 0;
    for (size_t k = 0; i + k < len; k++) tail |= (uint64_t)bytes[i + k] << (8 * k);
    if (i < len) sha256_update(tail, (uint32_t)(len - i));
}

/* Finishes crypto's message and spells its digest in lower-case hex. */
static hearth_str digest_hex(void) {
    static const char digits[] = "0123456789abcdef";
    sha256_finish();
    char *hex = hearth_alloc(64);
    for (uint32_t w = 0; w < 8; w++) {
        uint32_t word = sha256_digest_word(w);
        for (uint32_t k = 0; k < 8; k++) hex[8 * w + k] = digits[(word >> (28 - 4 * k)) & 15];
    }
    return (hearth_str){ hex, 64 };
}

/* Copies RGBA bytes into the image module and grays them there; the number of pixels. */
static uint32_t gray_in_image_module(hearth_bytes rgba) {
    if (rgba.len % 4 != 0) {
        hearth_builder message = { 0 };
        hearth_builder_append(&message, HEARTH_STR("expected RGBA bytes (a multiple of 4), got "));
        hearth_builder_append_i64(&message, (int64_t)rgba.len);
        hearth_throw(hearth_builder_str(&message));
    }
    uint32_t pixels = (uint32_t)(rgba.len / 4);
    if (image_begin(pixels) != 0) {
        hearth_builder message = { 0 };
        hearth_builder_append(&message, HEARTH_STR("the image module's memory cannot grow to hold "));
        hearth_builder_append_i64(&message, pixels);
        hearth_builder_append(&message, HEARTH_STR(" pixels (the plugin's memory budget?)"));
        hearth_throw(hearth_builder_str(&message));
    }
    for (uint32_t i = 0; i < pixels; i++) {
        uint32_t pixel;
        __builtin_memcpy(&pixel, rgba.ptr + 4 * i, 4);
        image_set(i, pixel);
    }
    image_grayscale();
    return pixels;
}

/** a + b (wrapping), computed by the math module. */
HEARTH_FUNCTION(add, I32, (I32, a), (I32, b)) {
    return math_add(a, b);
}

/** The SHA-256 of a text's UTF-8 bytes, in hex, computed by the crypto module. */
HEARTH_FUNCTION(sha256_hex, STRING, (STR, text)) {
    sha256_reset();
    hash_bytes((const uint8_t *)text.ptr, text.len);
    return digest_hex();
}

/** The SHA-256 of bytes, in hex, computed by the crypto module. */
HEARTH_FUNCTION(sha256_hex_bytes, STRING, (BYTES, data)) {
    sha256_reset();
    hash_bytes(data.ptr, data.len);
    return digest_hex();
}

/** RGBA bytes in, the same image in gray out: (Y, Y, Y, A) per pixel, by the image module. */
HEARTH_FUNCTION(grayscale, BYTES, (BYTES, rgba)) {
    uint32_t pixels = gray_in_image_module(rgba);
    uint8_t *gray = hearth_alloc(rgba.len);
    for (uint32_t i = 0; i < pixels; i++) {
        uint32_t pixel = image_get(i);
        __builtin_memcpy(gray + 4 * i, &pixel, 4);
    }
    return (hearth_bytes){ gray, rgba.len };
}

/** The SHA-256 (hex) of the grayscale image: the gray pixels go from the image module straight
 * to the crypto module, two per call, and never into this module's memory. */
HEARTH_FUNCTION(checksum_gray, STRING, (BYTES, rgba)) {
    uint32_t pixels = gray_in_image_module(rgba);
    sha256_reset();
    uint32_t i = 0;
    for (; i + 1 < pixels; i += 2) sha256_update((uint64_t)image_get(i + 1) << 32 | image_get(i), 8);
    if (i < pixels) sha256_update(image_get(i), 4);
    return digest_hex();
}

/** Asks the image module to grow its memory by `pages` (64 KiB each): the old size in pages,
 * or -1 when the plugin's memory budget (or wasm32's 4 GiB) refuses. */
HEARTH_FUNCTION(grow_image_memory, I32, (I32, pages)) {
    return image_reserve(pages);
}
