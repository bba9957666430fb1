// The seed's JSON functions: JSON text in, JSON text out, errors for bad input.
#include "hearth_abi.h"

static hearth_str_result invalid(const char *why) {
    hearth_builder message = { 0 };
    hearth_builder_append(&message, HEARTH_STR("invalid JSON: "));
    hearth_builder_append(&message, hearth_str_from_c(why));
    return hearth_str_err(hearth_builder_str(&message));
}

typedef struct { hearth_builder *out; bool first; } copy_state;

// Copies every member but "processed" (which process_json sets).
static void copy_member(hearth_str key, hearth_str value, void *context) {
    copy_state *state = context;
    if (hearth_str_equal(hearth_json_decode_string(key), HEARTH_STR("processed"))) return;
    if (!state->first) hearth_builder_append(state->out, HEARTH_STR(","));
    state->first = false;
    hearth_builder_append_json_compact(state->out, key);
    hearth_builder_append(state->out, HEARTH_STR(":"));
    hearth_builder_append_json_compact(state->out, value);
}

// Adds "processed": true to an object (or wraps any other value as {"value": ..., "processed": true}).
HEARTH_FUNCTION(process_json, RESULT_STRING, (STR, input)) {
    const char *error;
    if (!hearth_json_validate(input, &error)) return invalid(error);
    hearth_builder out = { 0 };
    if (hearth_json_is_object(input)) {
        hearth_builder_append(&out, HEARTH_STR("{"));
        copy_state state = { &out, true };
        hearth_json_each_member(input, copy_member, &state);
        hearth_builder_append(&out, state.first ? HEARTH_STR("\"processed\":true}") : HEARTH_STR(",\"processed\":true}"));
    } else {
        hearth_builder_append(&out, HEARTH_STR("{\"value\":"));
        hearth_builder_append_json_compact(&out, input);
        hearth_builder_append(&out, HEARTH_STR(",\"processed\":true}"));
    }
    return hearth_str_ok(hearth_builder_str(&out));
}

// Takes a request {"name": string, "value": integer} and answers {"message", "computed"}.
HEARTH_FUNCTION(handle, RESULT_STRING, (STR, request)) {
    const char *error;
    if (!hearth_json_validate(request, &error)) return invalid(error);
    if (!hearth_json_is_object(request)) return hearth_str_err(HEARTH_STR("expected an object {\"name\", \"value\"}"));
    hearth_str name, value;
    int64_t number;
    if (!hearth_json_member(request, HEARTH_STR("name"), &name) || name.len == 0 || name.ptr[0] != '"')
        return hearth_str_err(HEARTH_STR("missing field `name` (a string)"));
    if (!hearth_json_member(request, HEARTH_STR("value"), &value) || !hearth_json_int64(value, &number))
        return hearth_str_err(HEARTH_STR("missing field `value` (an integer)"));
    if (number > INT64_MAX / 2 || number < INT64_MIN / 2) return hearth_str_err(HEARTH_STR("`value` * 2 overflows"));
    hearth_builder out = { 0 };
    hearth_builder_append(&out, HEARTH_STR("{\"message\":"));
    hearth_builder_append_json_string(&out, hearth_concat3(HEARTH_STR("Hello, "), hearth_json_decode_string(name), HEARTH_STR("")));
    hearth_builder_append(&out, HEARTH_STR(",\"computed\":"));
    hearth_builder_append_i64(&out, number * 2);
    hearth_builder_append(&out, HEARTH_STR("}"));
    return hearth_str_ok(hearth_builder_str(&out));
}
