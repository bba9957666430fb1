/*
 * hearth_abi.h: write Hearth guests in C. One header, no library, no code generator.
 *
 * A module built with it looks to Hearth exactly like a raw wasm-bindgen 0.2.83 module
 * (../../docs/abi.md): the allocator exports `__wbindgen_malloc`, `__wbindgen_realloc` and
 * `__wbindgen_free`; one `__wbindgen_describe_<export>` function per export, reporting its type
 * through the import `__wbindgen_placeholder__.__wbindgen_describe`; and the
 * `__wasm_bindgen_unstable` custom section naming functions, classes and argument names.
 * So `hearth call`, `hearth repl` and the Swift `Guest` learn every signature from the module.
 *
 *     #include "hearth_abi.h"
 *
 *     HEARTH_FUNCTION(greet, STRING, (STR, name)) {
 *         return hearth_concat3(HEARTH_STR("Hello, "), name, HEARTH_STR("!"));
 *     }
 *
 *     clang --target=wasm32 -Oz -ffreestanding -nostdlib -Wl,--no-entry -o greet.wasm greet.c
 *
 * Freestanding C (no libc) and C with wasi-libc (`zig cc -target wasm32-wasi
 * -mexec-model=reactor`, using no I/O: a module with bindings imports nothing from WASI) both
 * work. Getting started, rules and common mistakes: README.md next to this file.
 *
 * TYPES. Arguments are `(KIND, name)` pairs; results are one KIND:
 *   argument kinds  STR (hearth_str, a `&str`), BYTES (hearth_bytes, a `&[u8]`),
 *                   I32 (int32_t), U32 (uint32_t), I64 (int64_t), F64 (double), BOOL (bool)
 *   result kinds    VOID, I32, U32, I64, F64, BOOL, STRING (hearth_str), BYTES (hearth_bytes),
 *                   RESULT_STRING (hearth_str_result), RESULT_I32 (hearth_i32_result),
 *                   RESULT_VOID (hearth_void_result): these reach the host as errors with a
 *                   message, like Rust's `Result<T, JsValue>`.
 *
 * MEMORY: a bump arena, reset after every call.
 *   Everything `hearth_alloc`, the string helpers and the JSON helpers return lives in the
 *   arena. Arguments the host passes (STR, BYTES) are arena memory the guest owns for the call.
 *   When an exported function returns, the arena goes back to what is still held:
 *     - blocks the host allocated and has not freed yet (its return-pointer area, the
 *       arguments of a call it is preparing),
 *     - the STRING/BYTES result, until the host has read it and called `__wbindgen_free`;
 *       then that goes too,
 *     - class instances (`hearth_object_new`), until their `__wbg_<class>_free`.
 *   So a guest must NOT keep an arena pointer (an argument, a string it built, a JSON value)
 *   in a global or in an object across calls: copy what must survive into an object.
 *   Apart from its objects, a guest never needs more memory than its largest single call.
 *   Running out of memory traps (`unreachable`), as Rust's allocator aborts.
 */
#ifndef HEARTH_ABI_H
#define HEARTH_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------------------------------
 * Strings and bytes: (pointer, length), UTF-8, no terminator.
 * --------------------------------------------------------------------------------------- */

/** A UTF-8 string: `ptr` is not NUL-terminated. */
typedef struct { const char *ptr; size_t len; } hearth_str;
/** Bytes. */
typedef struct { const uint8_t *ptr; size_t len; } hearth_bytes;

/** A string literal as a hearth_str: `HEARTH_STR("Hello")`. */
#define HEARTH_STR(literal) ((hearth_str){ (literal), sizeof(literal) - 1 })

/** A NUL-terminated C string as a hearth_str (no copy). Written so that clang does not turn
 * the loop into a call of `strlen`, which freestanding C does not have. */
__attribute__((no_builtin("strlen"))) static inline hearth_str hearth_str_from_c(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return (hearth_str){ s, n };
}

/** Whether two strings hold the same bytes. */
static inline bool hearth_str_equal(hearth_str a, hearth_str b) {
    if (a.len != b.len) return false;
    for (size_t i = 0; i < a.len; i++) if (a.ptr[i] != b.ptr[i]) return false;
    return true;
}

/* ---------------------------------------------------------------------------------------
 * The arena (state shared by every file of a module: weak definitions, one copy after linking).
 * --------------------------------------------------------------------------------------- */

/** How many host-held blocks the arena tracks; beyond that a block is kept for good. */
#define HEARTH_HELD_BLOCKS 16

typedef struct {
    uintptr_t base;   /* start of the region the arena owns */
    uintptr_t floor;  /* everything below stays: objects and blocks kept for good */
    uintptr_t top;    /* next free byte */
    uintptr_t end;    /* end of the owned region */
    bool in_call;     /* an exported function is running: no reset until it returns */
    uint32_t held_count;
    struct { uintptr_t start, end; } held[HEARTH_HELD_BLOCKS];
} hearth__arena_state;

__attribute__((weak)) hearth__arena_state hearth__arena;

#if !defined(__wasi__)
/* Freestanding: the linker's heap start; nothing else allocates above it. */
extern unsigned char __heap_base;
#endif

/* Where the arena starts: after static data when it owns the heap; with wasi-libc, whose
 * malloc owns `__heap_base`, on fresh pages at the end of memory. */
static inline void hearth__arena_init(void) {
    if (hearth__arena.base) return;
    uintptr_t memory_end = (uintptr_t)__builtin_wasm_memory_size(0) * 65536u;
#if defined(__wasi__)
    uintptr_t start = memory_end;
#else
    uintptr_t start = ((uintptr_t)&__heap_base + 7u) & ~(uintptr_t)7u;
#endif
    hearth__arena.base = hearth__arena.floor = hearth__arena.top = start;
    hearth__arena.end = memory_end;
}

/* Makes room for `size` more bytes at the top: grows memory in place while the arena's region
 * ends where memory ends; otherwise (libc grew memory meanwhile) starts a new region above. */
static inline void hearth__reserve(size_t size) {
    hearth__arena_state *a = &hearth__arena;
    if (size <= a->end - a->top) return;
    uintptr_t memory_end = (uintptr_t)__builtin_wasm_memory_size(0) * 65536u;
    if (a->end != memory_end) {
        a->base = a->floor = a->top = a->end = memory_end;
        a->held_count = 0;
    }
    size_t missing = size - (a->end - a->top);
    size_t pages = (missing + 65535u) / 65536u;
    if (missing > SIZE_MAX - 65535u || __builtin_wasm_memory_grow(0, pages) == (size_t)-1) __builtin_trap();
    a->end += pages * 65536u;
}

/** Allocates `size` bytes, 8-aligned, in the arena: valid until the current call returns. */
static inline void *hearth_alloc(size_t size) {
    hearth__arena_init();
    if (size > SIZE_MAX - 8u) __builtin_trap();
    hearth__reserve(size + 7u);
    hearth__arena.top = (hearth__arena.top + 7u) & ~(uintptr_t)7u;
    void *p = (void *)hearth__arena.top;
    hearth__arena.top += size;
    return p;
}

/* Keeps [start, end) until released; outside the arena's region there is nothing to keep. */
static inline void hearth__hold(uintptr_t start, uintptr_t end) {
    hearth__arena_state *a = &hearth__arena;
    if (start < a->base || end > a->end || start == end) return;
    if (a->held_count == HEARTH_HELD_BLOCKS) {
        if (end > a->floor) a->floor = end;  /* no slot left: keep it for good */
        return;
    }
    a->held[a->held_count].start = start;
    a->held[a->held_count].end = end;
    a->held_count++;
}

/* Forgets a held block that starts at `start`; true if there was one. */
static inline bool hearth__release(uintptr_t start) {
    hearth__arena_state *a = &hearth__arena;
    for (uint32_t i = 0; i < a->held_count; i++) {
        if (a->held[i].start == start) {
            a->held[i] = a->held[--a->held_count];
            return true;
        }
    }
    return false;
}

/* The reset: the top goes back to the highest block still held (or the floor). */
static inline void hearth__reset(void) {
    hearth__arena_state *a = &hearth__arena;
    uintptr_t top = a->floor;
    for (uint32_t i = 0; i < a->held_count; i++) if (a->held[i].end > top) top = a->held[i].end;
    a->top = top;
}

/* Called by every generated export wrapper. Calls do not nest in this ABI, so `begin` also
 * clears what a call that threw (`hearth_throw`) left behind. */
static inline void hearth__begin(void) {
    hearth__arena_init();
    hearth__arena.in_call = true;
    hearth__reset();
}

static inline void hearth__end(void) {
    hearth__arena.in_call = false;
    hearth__reset();
}

/** The allocator export: the host allocates argument buffers with it (align 8). */
__attribute__((weak, export_name("__wbindgen_malloc"))) void *__wbindgen_malloc(size_t size) {
    void *p = hearth_alloc(size);
    hearth__hold((uintptr_t)p, (uintptr_t)p + size);
    return p;
}

/** The free export: the host gives back a result buffer (or its own block). */
__attribute__((weak, export_name("__wbindgen_free"))) void __wbindgen_free(void *ptr, size_t size) {
    (void)size;
    if (hearth__release((uintptr_t)ptr) && !hearth__arena.in_call) hearth__reset();
}

/** The realloc export: grows the last block in place, otherwise moves it. */
__attribute__((weak, export_name("__wbindgen_realloc"))) void *__wbindgen_realloc(void *ptr, size_t old_size, size_t new_size) {
    hearth__arena_state *a = &hearth__arena;
    uintptr_t start = (uintptr_t)ptr;
    if (start + old_size == a->top && new_size >= old_size) {
        hearth__reserve(new_size - old_size);
        if (start + old_size == a->top) {  /* still ours after growing */
            a->top = start + new_size;
            hearth__release(start);
            hearth__hold(start, start + new_size);
            return ptr;
        }
    }
    void *moved = __wbindgen_malloc(new_size);
    __builtin_memcpy(moved, ptr, old_size < new_size ? old_size : new_size);
    __wbindgen_free(ptr, old_size);
    return moved;
}

/* Arguments the host allocated become the guest's for this call (Rust's `&str` rule). */
static inline hearth_str hearth__take_str(const char *ptr, size_t len) {
    hearth__release((uintptr_t)ptr);
    return (hearth_str){ ptr, len };
}

static inline hearth_bytes hearth__take_bytes(const uint8_t *ptr, size_t len) {
    hearth__release((uintptr_t)ptr);
    return (hearth_bytes){ ptr, len };
}

/* ---------------------------------------------------------------------------------------
 * Building strings in the arena.
 * --------------------------------------------------------------------------------------- */

/** A copy of `s` in the arena. */
static inline hearth_str hearth_str_copy(hearth_str s) {
    char *p = (char *)hearth_alloc(s.len);
    __builtin_memcpy(p, s.ptr, s.len);
    return (hearth_str){ p, s.len };
}

/** `a` followed by `b` followed by `c`, in the arena. */
static inline hearth_str hearth_concat3(hearth_str a, hearth_str b, hearth_str c) {
    char *p = (char *)hearth_alloc(a.len + b.len + c.len);
    __builtin_memcpy(p, a.ptr, a.len);
    __builtin_memcpy(p + a.len, b.ptr, b.len);
    __builtin_memcpy(p + a.len + b.len, c.ptr, c.len);
    return (hearth_str){ p, a.len + b.len + c.len };
}

/** A string built in the arena: start from `{ 0 }`, append, then `hearth_builder_str`. While
 * it is the newest allocation it grows in place; after another allocation it moves once. */
typedef struct { char *ptr; size_t len, capacity; } hearth_builder;

/** Appends `len` bytes. */
static inline void hearth_builder_append_bytes(hearth_builder *b, const char *bytes, size_t len) {
    if (len > b->capacity - b->len) {
        size_t capacity = (b->len + len) * 2 + 32;
        uintptr_t end = (uintptr_t)(b->ptr + b->capacity);
        if (b->ptr && end == hearth__arena.top) hearth__reserve(capacity - b->capacity);
        if (b->ptr && end == hearth__arena.top) {
            hearth__arena.top += capacity - b->capacity;
        } else {
            char *p = (char *)hearth_alloc(capacity);
            if (b->len) __builtin_memcpy(p, b->ptr, b->len);
            b->ptr = p;
        }
        b->capacity = capacity;
    }
    __builtin_memcpy(b->ptr + b->len, bytes, len);
    b->len += len;
}

/** Appends a string. */
static inline void hearth_builder_append(hearth_builder *b, hearth_str s) { hearth_builder_append_bytes(b, s.ptr, s.len); }

/** Appends a decimal integer. */
static inline void hearth_builder_append_i64(hearth_builder *b, int64_t value) {
    char digits[20];
    size_t n = 0;
    uint64_t magnitude = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
    do { digits[n++] = (char)('0' + magnitude % 10); magnitude /= 10; } while (magnitude);
    if (value < 0) hearth_builder_append_bytes(b, "-", 1);
    while (n) hearth_builder_append_bytes(b, &digits[--n], 1);
}

/** The built string (still in the arena). */
static inline hearth_str hearth_builder_str(const hearth_builder *b) { return (hearth_str){ b->ptr, b->len }; }

/* ---------------------------------------------------------------------------------------
 * JSON text: a validator, a top-level field lookup, string decoding and escaping.
 * Values are spans of the input text (hearth_str); nothing is copied until decoded.
 * --------------------------------------------------------------------------------------- */

/** A cursor over JSON text; `error` is set (and stays) at the first problem. */
typedef struct { hearth_str text; size_t at; const char *error; } hearth_json;

static inline void hearth__json_space(hearth_json *j) {
    while (j->at < j->text.len) {
        char c = j->text.ptr[j->at];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        j->at++;
    }
}

static inline bool hearth__json_fail(hearth_json *j, const char *message) {
    if (!j->error) j->error = message;
    return false;
}

static inline bool hearth__json_literal(hearth_json *j, const char *word, size_t len) {
    if (j->text.len - j->at < len) return hearth__json_fail(j, "invalid literal");
    for (size_t i = 0; i < len; i++) if (j->text.ptr[j->at + i] != word[i]) return hearth__json_fail(j, "invalid literal");
    j->at += len;
    return true;
}

static inline bool hearth__json_string(hearth_json *j) {
    j->at++;  /* the opening quote */
    while (j->at < j->text.len) {
        unsigned char c = (unsigned char)j->text.ptr[j->at++];
        if (c == '"') return true;
        if (c < 0x20) return hearth__json_fail(j, "control character in a string");
        if (c == '\\') {
            if (j->at >= j->text.len) break;
            char e = j->text.ptr[j->at++];
            if (e == 'u') {
                for (int i = 0; i < 4; i++, j->at++) {
                    char h = j->at < j->text.len ? j->text.ptr[j->at] : 0;
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F')))
                        return hearth__json_fail(j, "invalid \\u escape");
                }
            } else if (!(e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')) {
                return hearth__json_fail(j, "invalid escape");
            }
        }
    }
    return hearth__json_fail(j, "unterminated string");
}

static inline bool hearth__json_number(hearth_json *j) {
    size_t start = j->at;
    const char *s = j->text.ptr;
    size_t n = j->text.len;
    if (j->at < n && s[j->at] == '-') j->at++;
    if (j->at < n && s[j->at] == '0') j->at++;
    else if (j->at < n && s[j->at] >= '1' && s[j->at] <= '9') while (j->at < n && s[j->at] >= '0' && s[j->at] <= '9') j->at++;
    else return hearth__json_fail(j, "expected a value");
    if (j->at < n && s[j->at] == '.') {
        j->at++;
        if (!(j->at < n && s[j->at] >= '0' && s[j->at] <= '9')) return hearth__json_fail(j, "invalid number");
        while (j->at < n && s[j->at] >= '0' && s[j->at] <= '9') j->at++;
    }
    if (j->at < n && (s[j->at] == 'e' || s[j->at] == 'E')) {
        j->at++;
        if (j->at < n && (s[j->at] == '+' || s[j->at] == '-')) j->at++;
        if (!(j->at < n && s[j->at] >= '0' && s[j->at] <= '9')) return hearth__json_fail(j, "invalid number");
        while (j->at < n && s[j->at] >= '0' && s[j->at] <= '9') j->at++;
    }
    return j->at > start;
}

/** Skips one JSON value (nesting depth at most 128) and the space around it. */
static inline bool hearth_json_skip_value(hearth_json *j, int depth) {
    hearth__json_space(j);
    if (depth > 128) return hearth__json_fail(j, "nested too deeply");
    if (j->at >= j->text.len) return hearth__json_fail(j, "unexpected end of input");
    char c = j->text.ptr[j->at];
    bool ok;
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        j->at++;
        hearth__json_space(j);
        if (j->at < j->text.len && j->text.ptr[j->at] == close) { j->at++; hearth__json_space(j); return true; }
        for (;;) {
            if (c == '{') {
                hearth__json_space(j);
                if (j->at >= j->text.len || j->text.ptr[j->at] != '"') return hearth__json_fail(j, "expected a key");
                if (!hearth__json_string(j)) return false;
                hearth__json_space(j);
                if (j->at >= j->text.len || j->text.ptr[j->at] != ':') return hearth__json_fail(j, "expected ':'");
                j->at++;
            }
            if (!hearth_json_skip_value(j, depth + 1)) return false;
            if (j->at < j->text.len && j->text.ptr[j->at] == ',') { j->at++; continue; }
            if (j->at < j->text.len && j->text.ptr[j->at] == close) { j->at++; break; }
            return hearth__json_fail(j, c == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
        }
        ok = true;
    } else if (c == '"') ok = hearth__json_string(j);
    else if (c == 't') ok = hearth__json_literal(j, "true", 4);
    else if (c == 'f') ok = hearth__json_literal(j, "false", 5);
    else if (c == 'n') ok = hearth__json_literal(j, "null", 4);
    else ok = hearth__json_number(j);
    hearth__json_space(j);
    return ok;
}

/** Whether `text` is exactly one JSON value; on failure `*error` says why. */
static inline bool hearth_json_validate(hearth_str text, const char **error) {
    hearth_json j = { text, 0, 0 };
    if (hearth_json_skip_value(&j, 0) && j.at != text.len) hearth__json_fail(&j, "trailing characters");
    *error = j.error;
    return !j.error;
}

/** Whether a valid JSON value is an object. */
static inline bool hearth_json_is_object(hearth_str value) {
    size_t i = 0;
    while (i < value.len && (value.ptr[i] == ' ' || value.ptr[i] == '\t' || value.ptr[i] == '\n' || value.ptr[i] == '\r')) i++;
    return i < value.len && value.ptr[i] == '{';
}

/** Decodes a JSON string token (with its quotes) into UTF-8 in the arena. */
static inline hearth_str hearth_json_decode_string(hearth_str token) {
    char *out = (char *)hearth_alloc(token.len);
    size_t n = 0;
    for (size_t i = 1; i + 1 < token.len; i++) {
        char c = token.ptr[i];
        if (c != '\\') { out[n++] = c; continue; }
        char e = token.ptr[++i];
        if (e != 'u') {
            out[n++] = e == 'b' ? '\b' : e == 'f' ? '\f' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
            continue;
        }
        uint32_t code = 0;
        for (int k = 0; k < 4; k++) {
            char h = token.ptr[++i];
            code = code * 16 + (uint32_t)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
        }
        if (code >= 0xD800 && code < 0xDC00 && i + 6 < token.len && token.ptr[i + 1] == '\\' && token.ptr[i + 2] == 'u') {
            uint32_t low = 0;
            for (int k = 0; k < 4; k++) {
                char h = token.ptr[i + 3 + k];
                low = low * 16 + (uint32_t)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            if (low >= 0xDC00 && low < 0xE000) { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00); i += 6; }
        }
        if (code >= 0xD800 && code < 0xE000) code = 0xFFFD;  /* a lone surrogate */
        if (code < 0x80) out[n++] = (char)code;
        else if (code < 0x800) { out[n++] = (char)(0xC0 | code >> 6); out[n++] = (char)(0x80 | (code & 0x3F)); }
        else if (code < 0x10000) { out[n++] = (char)(0xE0 | code >> 12); out[n++] = (char)(0x80 | ((code >> 6) & 0x3F)); out[n++] = (char)(0x80 | (code & 0x3F)); }
        else { out[n++] = (char)(0xF0 | code >> 18); out[n++] = (char)(0x80 | ((code >> 12) & 0x3F)); out[n++] = (char)(0x80 | ((code >> 6) & 0x3F)); out[n++] = (char)(0x80 | (code & 0x3F)); }
    }
    return (hearth_str){ out, n };
}

/** Appends `s` as a JSON string token: quotes, `\"`, `\\`, and escapes for control characters. */
static inline void hearth_builder_append_json_string(hearth_builder *b, hearth_str s) {
    static const char hex[] = "0123456789abcdef";
    hearth_builder_append_bytes(b, "\"", 1);
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        if (c == '"') hearth_builder_append_bytes(b, "\\\"", 2);
        else if (c == '\\') hearth_builder_append_bytes(b, "\\\\", 2);
        else if (c == '\n') hearth_builder_append_bytes(b, "\\n", 2);
        else if (c == '\r') hearth_builder_append_bytes(b, "\\r", 2);
        else if (c == '\t') hearth_builder_append_bytes(b, "\\t", 2);
        else if (c < 0x20) {
            char escape[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            hearth_builder_append_bytes(b, escape, 6);
        } else hearth_builder_append_bytes(b, (const char *)&s.ptr[i], 1);
    }
    hearth_builder_append_bytes(b, "\"", 1);
}

/** Appends a valid JSON value without the whitespace between tokens. */
static inline void hearth_builder_append_json_compact(hearth_builder *b, hearth_str value) {
    bool in_string = false, escaped = false;
    for (size_t i = 0; i < value.len; i++) {
        char c = value.ptr[i];
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            continue;
        } else if (c == '"') {
            in_string = true;
        }
        hearth_builder_append_bytes(b, &value.ptr[i], 1);
    }
}

/** Calls `visit(key_token, value_span, context)` for each member of a valid JSON object. */
static inline void hearth_json_each_member(hearth_str object, void (*visit)(hearth_str key, hearth_str value, void *context), void *context) {
    hearth_json j = { object, 0, 0 };
    hearth__json_space(&j);
    if (j.at >= object.len || object.ptr[j.at] != '{') return;
    j.at++;
    for (;;) {
        hearth__json_space(&j);
        if (j.at >= object.len || object.ptr[j.at] != '"') return;
        size_t key_start = j.at;
        if (!hearth__json_string(&j)) return;
        hearth_str key = { object.ptr + key_start, j.at - key_start };
        hearth__json_space(&j);
        j.at++;  /* ':' */
        hearth__json_space(&j);
        size_t value_start = j.at;
        if (!hearth_json_skip_value(&j, 1)) return;
        size_t value_end = j.at;
        while (value_end > value_start && (object.ptr[value_end - 1] == ' ' || object.ptr[value_end - 1] == '\n' || object.ptr[value_end - 1] == '\t' || object.ptr[value_end - 1] == '\r')) value_end--;
        visit(key, (hearth_str){ object.ptr + value_start, value_end - value_start }, context);
        if (j.at < object.len && object.ptr[j.at] == ',') { j.at++; continue; }
        return;
    }
}

typedef struct { hearth_str name; hearth_str value; bool found; } hearth__json_lookup;

static inline void hearth__json_match(hearth_str key, hearth_str value, void *context) {
    hearth__json_lookup *lookup = (hearth__json_lookup *)context;
    if (!lookup->found && hearth_str_equal(hearth_json_decode_string(key), lookup->name)) {
        lookup->value = value;
        lookup->found = true;
    }
}

/** The value of member `name` of a valid JSON object (as text); false if there is none. */
static inline bool hearth_json_member(hearth_str object, hearth_str name, hearth_str *value) {
    hearth__json_lookup lookup = { name, { 0, 0 }, false };
    hearth_json_each_member(object, hearth__json_match, &lookup);
    *value = lookup.value;
    return lookup.found;
}

/** Reads a JSON integer that fits in int64_t; false for anything else. */
static inline bool hearth_json_int64(hearth_str value, int64_t *out) {
    size_t i = 0;
    bool negative = value.len > 0 && value.ptr[0] == '-';
    if (negative) i = 1;
    if (i == value.len) return false;
    uint64_t magnitude = 0;
    for (; i < value.len; i++) {
        char c = value.ptr[i];
        if (c < '0' || c > '9') return false;
        if (magnitude > (UINT64_MAX - (uint64_t)(c - '0')) / 10) return false;
        magnitude = magnitude * 10 + (uint64_t)(c - '0');
    }
    if (magnitude > (negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX)) return false;
    *out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
    return true;
}

/* ---------------------------------------------------------------------------------------
 * Errors: results that reach the host as errors with a message.
 * --------------------------------------------------------------------------------------- */

__attribute__((import_module("__wbindgen_placeholder__"), import_name("__wbindgen_error_new")))
uint32_t hearth__error_new(const char *ptr, size_t len);
__attribute__((import_module("__wbindgen_placeholder__"), import_name("__wbindgen_throw"), noreturn))
void hearth__throw(const char *ptr, size_t len);

/** A STRING result or an error message (RESULT_STRING). */
typedef struct { hearth_str value; hearth_str error; bool failed; } hearth_str_result;
/** An I32 result or an error message (RESULT_I32). */
typedef struct { int32_t value; hearth_str error; bool failed; } hearth_i32_result;
/** Success or an error message (RESULT_VOID). */
typedef struct { hearth_str error; bool failed; } hearth_void_result;

static inline hearth_str_result hearth_str_ok(hearth_str value) { return (hearth_str_result){ value, { 0, 0 }, false }; }
static inline hearth_str_result hearth_str_err(hearth_str message) { return (hearth_str_result){ { 0, 0 }, message, true }; }
static inline hearth_i32_result hearth_i32_ok(int32_t value) { return (hearth_i32_result){ value, { 0, 0 }, false }; }
static inline hearth_i32_result hearth_i32_err(hearth_str message) { return (hearth_i32_result){ 0, message, true }; }
static inline hearth_void_result hearth_void_ok(void) { return (hearth_void_result){ { 0, 0 }, false }; }
static inline hearth_void_result hearth_void_err(hearth_str message) { return (hearth_void_result){ message, true }; }

/** Fails the current call with `message`, now (the host raises an error; never returns).
 * Prefer a RESULT_* kind: a throw skips the rest of the function. */
static inline __attribute__((noreturn)) void hearth_throw(hearth_str message) { hearth__throw(message.ptr, message.len); }

/* ---------------------------------------------------------------------------------------
 * Objects behind handles (classes).
 * --------------------------------------------------------------------------------------- */

/* Freed objects, by size in 8-byte units (up to 512 bytes); bigger ones are not reused. */
__attribute__((weak)) void *hearth__free_objects[64];

/** Memory for a class instance: outlives calls until `hearth_object_free`. Never 0. */
static inline void *hearth_object_new(size_t size) {
    size_t units = (size + 7u) / 8u;
    if (units == 0) units = 1;
    if (units < 64 && hearth__free_objects[units]) {
        void *p = hearth__free_objects[units];
        hearth__free_objects[units] = *(void **)p;
        return p;
    }
    void *p = hearth_alloc(units * 8u);
    hearth__arena.floor = hearth__arena.top;  /* kept for good, reused once freed */
    return p;
}

/** Gives an object's memory back for the next object of the same size. */
static inline void hearth_object_free(void *object, size_t size) {
    size_t units = (size + 7u) / 8u;
    if (units == 0) units = 1;
    if (!object || units >= 64) return;
    *(void **)object = hearth__free_objects[units];
    hearth__free_objects[units] = object;
}

/* ---------------------------------------------------------------------------------------
 * Describe functions: each export's type as wasm-bindgen 0.2.83 descriptor words.
 * --------------------------------------------------------------------------------------- */

__attribute__((import_module("__wbindgen_placeholder__"), import_name("__wbindgen_describe")))
void hearth__describe(uint32_t word);

enum {
    HEARTH__D_I32 = 4, HEARTH__D_U8 = 1, HEARTH__D_U32 = 5, HEARTH__D_I64 = 6, HEARTH__D_F64 = 9,
    HEARTH__D_BOOL = 10, HEARTH__D_FUNCTION = 11, HEARTH__D_STRING = 14, HEARTH__D_REF = 15,
    HEARTH__D_SLICE = 17, HEARTH__D_VECTOR = 18, HEARTH__D_RUST_STRUCT = 22, HEARTH__D_RESULT = 25,
    HEARTH__D_UNIT = 26,
};

/* A class name: its length, then one word per character (ASCII, as C identifiers are). */
static inline void hearth__describe_name(const char *name) {
    hearth_str s = hearth_str_from_c(name);
    hearth__describe((uint32_t)s.len);
    for (size_t i = 0; i < s.len; i++) hearth__describe((uint8_t)s.ptr[i]);
}

/* Per kind: the describe words. */
#define HEARTH__DESC_STR()           (hearth__describe(HEARTH__D_REF), hearth__describe(HEARTH__D_STRING))
#define HEARTH__DESC_BYTES()         (hearth__describe(HEARTH__D_REF), hearth__describe(HEARTH__D_SLICE), hearth__describe(HEARTH__D_U8))
#define HEARTH__DESC_I32()           hearth__describe(HEARTH__D_I32)
#define HEARTH__DESC_U32()           hearth__describe(HEARTH__D_U32)
#define HEARTH__DESC_I64()           hearth__describe(HEARTH__D_I64)
#define HEARTH__DESC_F64()           hearth__describe(HEARTH__D_F64)
#define HEARTH__DESC_BOOL()          hearth__describe(HEARTH__D_BOOL)
#define HEARTH__DESC_VOID()          hearth__describe(HEARTH__D_UNIT)
#define HEARTH__DESC_STRING()        hearth__describe(HEARTH__D_STRING)
#define HEARTH__RDESC_BYTES()        (hearth__describe(HEARTH__D_VECTOR), hearth__describe(HEARTH__D_U8))
#define HEARTH__DESC_RESULT_STRING() (hearth__describe(HEARTH__D_RESULT), hearth__describe(HEARTH__D_STRING))
#define HEARTH__DESC_RESULT_I32()    (hearth__describe(HEARTH__D_RESULT), hearth__describe(HEARTH__D_I32))
#define HEARTH__DESC_RESULT_VOID()   (hearth__describe(HEARTH__D_RESULT), hearth__describe(HEARTH__D_UNIT))
#define HEARTH__RDESC_VOID HEARTH__DESC_VOID
#define HEARTH__RDESC_I32 HEARTH__DESC_I32
#define HEARTH__RDESC_U32 HEARTH__DESC_U32
#define HEARTH__RDESC_I64 HEARTH__DESC_I64
#define HEARTH__RDESC_F64 HEARTH__DESC_F64
#define HEARTH__RDESC_BOOL HEARTH__DESC_BOOL
#define HEARTH__RDESC_STRING HEARTH__DESC_STRING
#define HEARTH__RDESC_RESULT_STRING HEARTH__DESC_RESULT_STRING
#define HEARTH__RDESC_RESULT_I32 HEARTH__DESC_RESULT_I32
#define HEARTH__RDESC_RESULT_VOID HEARTH__DESC_RESULT_VOID

/* ---------------------------------------------------------------------------------------
 * Argument kinds: wasm parameters, C parameter, conversion. Result kinds: C type, wasm
 * result, how the wrapper hands the value over.
 * --------------------------------------------------------------------------------------- */

#define HEARTH__WASM_STR(n)   const char *n##__ptr, size_t n##__len
#define HEARTH__WASM_BYTES(n) const uint8_t *n##__ptr, size_t n##__len
#define HEARTH__WASM_I32(n)   int32_t n
#define HEARTH__WASM_U32(n)   uint32_t n
#define HEARTH__WASM_I64(n)   int64_t n
#define HEARTH__WASM_F64(n)   double n
#define HEARTH__WASM_BOOL(n)  int32_t n

#define HEARTH__C_STR(n)   hearth_str n
#define HEARTH__C_BYTES(n) hearth_bytes n
#define HEARTH__C_I32(n)   int32_t n
#define HEARTH__C_U32(n)   uint32_t n
#define HEARTH__C_I64(n)   int64_t n
#define HEARTH__C_F64(n)   double n
#define HEARTH__C_BOOL(n)  bool n

#define HEARTH__TAKE_STR(n)   hearth__take_str(n##__ptr, n##__len)
#define HEARTH__TAKE_BYTES(n) hearth__take_bytes(n##__ptr, n##__len)
#define HEARTH__TAKE_I32(n)   n
#define HEARTH__TAKE_U32(n)   n
#define HEARTH__TAKE_I64(n)   n
#define HEARTH__TAKE_F64(n)   n
#define HEARTH__TAKE_BOOL(n)  (n != 0)

/* The return-pointer area: results that do not fit one wasm value (docs/abi.md). */
typedef struct { uint32_t word[4]; } hearth__retarea;

#define HEARTH__RTYPE_VOID          void
#define HEARTH__RTYPE_I32           int32_t
#define HEARTH__RTYPE_U32           uint32_t
#define HEARTH__RTYPE_I64           int64_t
#define HEARTH__RTYPE_F64           double
#define HEARTH__RTYPE_BOOL          bool
#define HEARTH__RTYPE_STRING        hearth_str
#define HEARTH__RTYPE_BYTES         hearth_bytes
#define HEARTH__RTYPE_RESULT_STRING hearth_str_result
#define HEARTH__RTYPE_RESULT_I32    hearth_i32_result
#define HEARTH__RTYPE_RESULT_VOID   hearth_void_result

#define HEARTH__WTYPE_VOID          void
#define HEARTH__WTYPE_I32           int32_t
#define HEARTH__WTYPE_U32           uint32_t
#define HEARTH__WTYPE_I64           int64_t
#define HEARTH__WTYPE_F64           double
#define HEARTH__WTYPE_BOOL          int32_t
#define HEARTH__WTYPE_STRING        void
#define HEARTH__WTYPE_BYTES         void
#define HEARTH__WTYPE_RESULT_STRING void
#define HEARTH__WTYPE_RESULT_I32    void
#define HEARTH__WTYPE_RESULT_VOID   void

/* The hidden first parameter of results that come back through memory. */
#define HEARTH__RETP_VOID
#define HEARTH__RETP_I32
#define HEARTH__RETP_U32
#define HEARTH__RETP_I64
#define HEARTH__RETP_F64
#define HEARTH__RETP_BOOL
#define HEARTH__RETP_STRING        , hearth__retarea *hearth__ret
#define HEARTH__RETP_BYTES         , hearth__retarea *hearth__ret
#define HEARTH__RETP_RESULT_STRING , hearth__retarea *hearth__ret
#define HEARTH__RETP_RESULT_I32    , hearth__retarea *hearth__ret
#define HEARTH__RETP_RESULT_VOID   , hearth__retarea *hearth__ret

/* A buffer result: (ptr, len), kept until the host frees it. */
static inline void hearth__give(hearth__retarea *ret, const void *ptr, size_t len) {
    ret->word[0] = (uint32_t)(uintptr_t)ptr;
    ret->word[1] = (uint32_t)len;
    hearth__hold((uintptr_t)ptr, (uintptr_t)ptr + len);
}

static inline uint32_t hearth__error(hearth_str message) { return hearth__error_new(message.ptr, message.len); }

/* Runs the implementation `call` and returns its value the way the result kind needs. */
#define HEARTH__RUN_VOID(call)   call; hearth__end();
#define HEARTH__RUN_I32(call)    int32_t hearth__r = call; hearth__end(); return hearth__r;
#define HEARTH__RUN_U32(call)    uint32_t hearth__r = call; hearth__end(); return hearth__r;
#define HEARTH__RUN_I64(call)    int64_t hearth__r = call; hearth__end(); return hearth__r;
#define HEARTH__RUN_F64(call)    double hearth__r = call; hearth__end(); return hearth__r;
#define HEARTH__RUN_BOOL(call)   bool hearth__r = call; hearth__end(); return hearth__r ? 1 : 0;
#define HEARTH__RUN_STRING(call) hearth_str hearth__r = call; hearth__give(hearth__ret, hearth__r.ptr, hearth__r.len); hearth__end();
#define HEARTH__RUN_BYTES(call)  hearth_bytes hearth__r = call; hearth__give(hearth__ret, hearth__r.ptr, hearth__r.len); hearth__end();
#define HEARTH__RUN_RESULT_STRING(call) hearth_str_result hearth__r = call; \
    if (hearth__r.failed) { hearth__ret->word[0] = hearth__ret->word[1] = 0; hearth__ret->word[2] = hearth__error(hearth__r.error); hearth__ret->word[3] = 1; } \
    else { hearth__give(hearth__ret, hearth__r.value.ptr, hearth__r.value.len); hearth__ret->word[2] = hearth__ret->word[3] = 0; } \
    hearth__end();
#define HEARTH__RUN_RESULT_I32(call) hearth_i32_result hearth__r = call; \
    hearth__ret->word[0] = (uint32_t)hearth__r.value; \
    hearth__ret->word[1] = hearth__r.failed ? hearth__error(hearth__r.error) : 0; \
    hearth__ret->word[2] = hearth__r.failed; hearth__end();
#define HEARTH__RUN_RESULT_VOID(call) hearth_void_result hearth__r = call; \
    hearth__ret->word[0] = hearth__r.failed ? hearth__error(hearth__r.error) : 0; \
    hearth__ret->word[1] = hearth__r.failed; hearth__end();

/* ---------------------------------------------------------------------------------------
 * The __wasm_bindgen_unstable custom section: one record per export, 0.2.83 schema, written
 * with top-level assembly (LLVM makes a custom section of `.custom_section.<name>`; a C
 * variable with that section attribute would become a data segment instead). A record is the
 * u32 length of the JSON header, the header, the u32 length of a Program, the Program; names
 * are LEB128-length-prefixed UTF-8.
 * --------------------------------------------------------------------------------------- */

#define HEARTH__XSTR(x) HEARTH__XSTR_(x)
#define HEARTH__XSTR_(x) #x
#define HEARTH__ASM_BEGIN ".section .custom_section.__wasm_bindgen_unstable,\"\",@\n" \
    ".int32 2f-1f\n1: .ascii \"{\\\"schema_version\\\":\\\"0.2.83\\\",\\\"version\\\":\\\"0.2.83\\\"}\"\n2:\n" \
    ".int32 4f-3f\n3:\n"
/* unique_crate_identifier and package_json (None) close every Program. */
#define HEARTH__ASM_END ".byte 0, 0, 0\n" HEARTH__ASM_STR("hearth_abi_c") ".byte 0\n4:\n.text\n"
/* A string: its LEB128 length, then its bytes; `literal` is a C string literal. */
#define HEARTH__ASM_STR(literal) ".uleb128 6f-5f\n5: .ascii \"" literal "\"\n6:\n"
#define HEARTH__ASM_ARGUMENT(kind, n) HEARTH__ASM_STR(#n)

/* A Program with one export: its class (or none), argument names, JS name and method kind
 * ("1, 0, 0": a method; "1, 1, 0": static, as free functions are; "0": a constructor). */
#define HEARTH__RECORD(CLASS, jsname, KIND, ...)                                                      \
    __asm__(HEARTH__ASM_BEGIN                                                                         \
            ".byte 1\n" CLASS ".byte 0, 0\n"                                                          \
            ".uleb128 " HEARTH__XSTR(HEARTH__COUNT(__VA_ARGS__)) "\n"                                 \
            HEARTH__MAP(HEARTH__ASM_ARGUMENT, ##__VA_ARGS__)                                          \
            ".byte 0\n" HEARTH__ASM_STR(jsname) ".byte 1, 0, " KIND ", 0\n"                          \
            ".byte 0, 0, 0\n"                                                                         \
            HEARTH__ASM_END);

/* A Program with only a class's struct (no public fields). */
#define HEARTH__STRUCT_RECORD(Class)                                                                  \
    __asm__(HEARTH__ASM_BEGIN                                                                         \
            ".byte 0, 0, 0, 1\n" HEARTH__ASM_STR(#Class) ".byte 0, 0, 0, 1\n"                         \
            HEARTH__ASM_END);

/* ---------------------------------------------------------------------------------------
 * Preprocessor lists: (KIND, name) pairs, up to four.
 * --------------------------------------------------------------------------------------- */

#define HEARTH__CAT(a, b) HEARTH__CAT_(a, b)
#define HEARTH__CAT_(a, b) a##b
#define HEARTH__COUNT(...) HEARTH__COUNT_(0, ##__VA_ARGS__, 4, 3, 2, 1, 0)
#define HEARTH__COUNT_(z, a, b, c, d, n, ...) n
#define HEARTH__MAP(M, ...) HEARTH__CAT(HEARTH__MAP_, HEARTH__COUNT(__VA_ARGS__))(M, ##__VA_ARGS__)
#define HEARTH__MAP_0(M)
#define HEARTH__MAP_1(M, a) M a
#define HEARTH__MAP_2(M, a, b) M a M b
#define HEARTH__MAP_3(M, a, b, c) M a M b M c
#define HEARTH__MAP_4(M, a, b, c, d) M a M b M c M d
/* Drops the leading placeholder of "0 , x , y" (lists built with a comma before each item). */
#define HEARTH__TAIL(...) HEARTH__TAIL_(__VA_ARGS__)
#define HEARTH__TAIL_(zero, ...) __VA_ARGS__
#define HEARTH__P_WASM(kind, n) , HEARTH__WASM_##kind(n)
#define HEARTH__P_C(kind, n) , HEARTH__C_##kind(n)
#define HEARTH__P_TAKE(kind, n) , HEARTH__TAKE_##kind(n)
#define HEARTH__P_DESC(kind, n) HEARTH__DESC_##kind();

/* ---------------------------------------------------------------------------------------
 * What authors write.
 * --------------------------------------------------------------------------------------- */

/**
 * An exported function: `HEARTH_FUNCTION(name, RESULT, (KIND, arg)...) { body }`.
 * The body is an ordinary C function of the C types of the kinds, returning the result's
 * C type (for VOID, nothing). Exports `name`, `__wbindgen_describe_name` and its record.
 */
#define HEARTH_FUNCTION(name, RESULT, ...)                                                            \
    static HEARTH__RTYPE_##RESULT name##__impl(HEARTH__TAIL(0 HEARTH__MAP(HEARTH__P_C, ##__VA_ARGS__))); \
    __attribute__((export_name("__wbindgen_describe_" #name))) void hearth__describe_##name(void) {    \
        hearth__describe(HEARTH__D_FUNCTION); hearth__describe(0);                                    \
        hearth__describe(HEARTH__COUNT(__VA_ARGS__));                                                 \
        HEARTH__MAP(HEARTH__P_DESC, ##__VA_ARGS__)                                                    \
        HEARTH__RDESC_##RESULT(); HEARTH__RDESC_##RESULT();                                           \
    }                                                                                                  \
    HEARTH__RECORD(".byte 0\n", #name, "1, 1, 0", ##__VA_ARGS__)                           \
    __attribute__((export_name(#name))) HEARTH__WTYPE_##RESULT                                        \
    name(HEARTH__TAIL(0 HEARTH__RETP_##RESULT HEARTH__MAP(HEARTH__P_WASM, ##__VA_ARGS__))) {          \
        hearth__begin();                                                                               \
        HEARTH__RUN_##RESULT(name##__impl(HEARTH__TAIL(0 HEARTH__MAP(HEARTH__P_TAKE, ##__VA_ARGS__)))) \
    }                                                                                                  \
    static HEARTH__RTYPE_##RESULT name##__impl(HEARTH__TAIL(0 HEARTH__MAP(HEARTH__P_C, ##__VA_ARGS__)))

#define HEARTH__CLASS_NAME(Class) ".byte 1\n" HEARTH__ASM_STR(#Class)

/**
 * A class: `HEARTH_CLASS(Calculator, calculator)` after `typedef struct {...} Calculator;`.
 * The second name is the first in lower case (the preprocessor cannot lower it): the exports
 * are named `calculator_new`, `calculator_add`, `__wbg_calculator_free`.
 */
#define HEARTH_CLASS(Class, lower)                                                                    \
    HEARTH__STRUCT_RECORD(Class)                                                                      \
    __attribute__((export_name("__wbg_" #lower "_free"))) void hearth__free_##lower(uint32_t handle) { \
        hearth_object_free((void *)(uintptr_t)handle, sizeof(Class));                                 \
    }

/**
 * The constructor: `HEARTH_CONSTRUCTOR(Calculator, calculator, (I32, initial)) { ... }`, whose
 * body returns a `Class *` from `hearth_object_new(sizeof(Class))` (the host's handle).
 */
#define HEARTH_CONSTRUCTOR(Class, lower, ...)                                                         \
    static Class *lower##_new__impl(HEARTH__TAIL(0 HEARTH__MAP(HEARTH__P_C, ##__VA_ARGS__)));         \
    __attribute__((export_name("__wbindgen_describe_" #lower "_new"))) void hearth__describe_##lower##_new(void) { \
        hearth__describe(HEARTH__D_FUNCTION); hearth__describe(0);                                    \
        hearth__describe(HEARTH__COUNT(__VA_ARGS__));                                                 \
        HEARTH__MAP(HEARTH__P_DESC, ##__VA_ARGS__)                                                    \
        for (int i = 0; i < 2; i++) { hearth__describe(HEARTH__D_RUST_STRUCT); hearth__describe_name(#Class); } \
    }                                                                                                  \
    HEARTH__RECORD(HEARTH__CLASS_NAME(Class), "new", "0", ##__VA_ARGS__) \
    __attribute__((export_name(#lower "_new"))) uint32_t                                               \
    lower##_new(HEARTH__TAIL(0 HEARTH__MAP(HEARTH__P_WASM, ##__VA_ARGS__))) {                         \
        hearth__begin();                                                                               \
        Class *hearth__object = lower##_new__impl(HEARTH__TAIL(0 HEARTH__MAP(HEARTH__P_TAKE, ##__VA_ARGS__))); \
        hearth__end();                                                                                 \
        return (uint32_t)(uintptr_t)hearth__object;                                                   \
    }                                                                                                  \
    static Class *lower##_new__impl(HEARTH__TAIL(0 HEARTH__MAP(HEARTH__P_C, ##__VA_ARGS__)))

/**
 * A method: `HEARTH_METHOD(Calculator, calculator, add, I32, (I32, x)) { ... }`; the body also
 * gets `Class *self`, never NULL (a null handle fails the call with a message).
 */
#define HEARTH_METHOD(Class, lower, name, RESULT, ...)                                                \
    static HEARTH__RTYPE_##RESULT lower##_##name##__impl(Class *self HEARTH__MAP(HEARTH__P_C, ##__VA_ARGS__)); \
    __attribute__((export_name("__wbindgen_describe_" #lower "_" #name))) void hearth__describe_##lower##_##name(void) { \
        hearth__describe(HEARTH__D_FUNCTION); hearth__describe(0);                                    \
        hearth__describe(HEARTH__COUNT(__VA_ARGS__));                                                 \
        HEARTH__MAP(HEARTH__P_DESC, ##__VA_ARGS__)                                                    \
        HEARTH__RDESC_##RESULT(); HEARTH__RDESC_##RESULT();                                           \
    }                                                                                                  \
    HEARTH__RECORD(HEARTH__CLASS_NAME(Class), #name, "1, 0, 0", ##__VA_ARGS__)                                               \
    __attribute__((export_name(#lower "_" #name))) HEARTH__WTYPE_##RESULT                              \
    lower##_##name(HEARTH__TAIL(0 HEARTH__RETP_##RESULT , uint32_t hearth__self HEARTH__MAP(HEARTH__P_WASM, ##__VA_ARGS__))) { \
        if (!hearth__self) hearth_throw(HEARTH_STR("null pointer passed to " #Class "." #name));     \
        hearth__begin();                                                                               \
        HEARTH__RUN_##RESULT(lower##_##name##__impl((Class *)(uintptr_t)hearth__self HEARTH__MAP(HEARTH__P_TAKE, ##__VA_ARGS__))) \
    }                                                                                                  \
    static HEARTH__RTYPE_##RESULT lower##_##name##__impl(Class *self HEARTH__MAP(HEARTH__P_C, ##__VA_ARGS__))

#endif /* HEARTH_ABI_H */
