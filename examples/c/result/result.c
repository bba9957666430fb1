// Functions that fail with an error message: the host sees an error, not a value.
#include "hearth_abi.h"

// "42 is positive" for a positive integer; an error for anything else.
HEARTH_FUNCTION(parse_positive, RESULT_STRING, (STR, text)) {
    int64_t n;
    size_t start = 0, end = text.len;
    while (start < end && text.ptr[start] == ' ') start++;
    while (end > start && text.ptr[end - 1] == ' ') end--;
    hearth_str trimmed = { text.ptr + start, end - start };
    hearth_builder message = { 0 };
    if (!hearth_json_int64(trimmed, &n)) {
        hearth_builder_append(&message, HEARTH_STR("'"));
        hearth_builder_append(&message, text);
        hearth_builder_append(&message, HEARTH_STR("' is not a number"));
        return hearth_str_err(hearth_builder_str(&message));
    }
    hearth_builder_append_i64(&message, n);
    if (n <= 0) {
        hearth_builder_append(&message, HEARTH_STR(" is not positive"));
        return hearth_str_err(hearth_builder_str(&message));
    }
    hearth_builder_append(&message, HEARTH_STR(" is positive"));
    return hearth_str_ok(hearth_builder_str(&message));
}

// Integer division that reports division by zero (and overflow) as an error.
HEARTH_FUNCTION(checked_div, RESULT_I32, (I32, a), (I32, b)) {
    if (b == 0) return hearth_i32_err(HEARTH_STR("division by zero"));
    if (a == INT32_MIN && b == -1) return hearth_i32_err(HEARTH_STR("overflow"));
    return hearth_i32_ok(a / b);
}

// Succeeds for a non-empty name, fails otherwise (a result with no value).
HEARTH_FUNCTION(validate, RESULT_VOID, (STR, name)) {
    if (name.len == 0) return hearth_void_err(HEARTH_STR("name must not be empty"));
    return hearth_void_ok();
}

// Throws (never returns): the message reaches the host as an error all the same.
HEARTH_FUNCTION(always_throws, VOID, (I32, code)) {
    hearth_builder message = { 0 };
    hearth_builder_append(&message, HEARTH_STR("this function always throws ("));
    hearth_builder_append_i64(&message, code);
    hearth_builder_append(&message, HEARTH_STR(")"));
    hearth_throw(hearth_builder_str(&message));
}
