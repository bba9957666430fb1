// json-c from Debian's libjson-c-dev (`make setup` installs it).
#include <json-c/json.h>

// json-c's uint64 detection: whether an integer object holds a value above INT64_MAX.
static inline int hearth_json_is_unsigned_large(struct json_object *object) {
    return json_object_get_int64(object) == INT64_MAX && json_object_get_uint64(object) > (uint64_t)INT64_MAX;
}
