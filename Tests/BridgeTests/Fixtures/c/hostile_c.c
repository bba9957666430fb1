// A C guest that misbehaves on purpose, built with guest-abi/c/hearth_abi.h: each export
// breaks one rule of the ABI, for CHostileGuestTests.
#include "hearth_abi.h"

// A string result whose pointer lies past the end of memory.
HEARTH_FUNCTION(pointer_outside, STRING) {
    return (hearth_str){ (const char *)0xFFFFFF00u, 16 };
}

// A string result whose length, added to its pointer, wraps around 2^32.
HEARTH_FUNCTION(length_overflows, STRING) {
    return (hearth_str){ "abc", 0xFFFFFFFFu };
}

// Bytes that are not UTF-8, returned as a string.
HEARTH_FUNCTION(invalid_utf8, STRING) {
    return (hearth_str){ "\xff\xfe\x80", 3 };
}

// An honest function, to show the guest still answers after the errors above.
HEARTH_FUNCTION(echo, STRING, (STR, text)) {
    return text;
}

// The describe function says (i32) -> i32; the export really is (retptr, ptr, len) -> ().
__attribute__((export_name("__wbindgen_describe_liar"))) void describe_liar(void) {
    hearth__describe(HEARTH__D_FUNCTION); hearth__describe(0); hearth__describe(1);
    hearth__describe(HEARTH__D_I32); hearth__describe(HEARTH__D_I32); hearth__describe(HEARTH__D_I32);
}
HEARTH__RECORD(".byte 0\n", "liar", "1, 1, 0", (I32, x))
__attribute__((export_name("liar"))) void liar(hearth__retarea *ret, const char *ptr, size_t len) {
    hearth__give(ret, ptr, len);
}

// What hostile_c_malloc.c's allocator does when it does not trap: the header's allocation.
void *hostile_alloc(size_t size) {
    void *p = hearth_alloc(size);
    hearth__hold((uintptr_t)p, (uintptr_t)p + size);
    return p;
}
