// A C guest whose describe function stops in the middle of a descriptor: discovery must fail
// with an error naming it (CHostileGuestTests).
#include "hearth_abi.h"

__attribute__((export_name("__wbindgen_describe_truncated"))) void describe_truncated(void) {
    hearth__describe(HEARTH__D_FUNCTION); hearth__describe(0); hearth__describe(2);
    hearth__describe(HEARTH__D_I32);
}
HEARTH__RECORD(".byte 0\n", "truncated", "1, 1, 0", (I32, a), (I32, b))
__attribute__((export_name("truncated"))) int32_t truncated(int32_t a, int32_t b) {
    return a + b;
}
