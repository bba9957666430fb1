// Every argument and result kind of guest-abi/c/hearth_abi.h once, for CGuestKindsTests.
#include "hearth_abi.h"

static int32_t calls;

HEARTH_FUNCTION(touch, VOID) {
    calls++;
}

HEARTH_FUNCTION(touches, I32) {
    return calls;
}

HEARTH_FUNCTION(count_true, U32, (BOOL, a), (BOOL, b), (BOOL, c), (BOOL, d)) {
    return (uint32_t)a + b + c + d;
}

HEARTH_FUNCTION(largest_u32, U32) {
    return UINT32_MAX;
}

HEARTH_FUNCTION(twice, I64, (I64, x)) {
    return (int64_t)((uint64_t)x * 2);
}

HEARTH_FUNCTION(half, F64, (F64, x)) {
    return x / 2;
}

HEARTH_FUNCTION(is_empty, BOOL, (STR, text)) {
    return text.len == 0;
}

HEARTH_FUNCTION(reverse, BYTES, (BYTES, data)) {
    uint8_t *out = hearth_alloc(data.len);
    for (size_t i = 0; i < data.len; i++) out[i] = data.ptr[data.len - 1 - i];
    return (hearth_bytes){ out, data.len };
}

HEARTH_FUNCTION(repeat, STRING, (STR, text), (U32, times), (STR, separator)) {
    hearth_builder out = { 0 };
    for (uint32_t i = 0; i < times; i++) {
        if (i) hearth_builder_append(&out, separator);
        hearth_builder_append(&out, text);
    }
    return hearth_builder_str(&out);
}
