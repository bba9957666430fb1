// The allocator of hostile_c.wasm traps for 13-byte requests: a strong definition in a file of
// its own (without the header, which defines the weak one) replaces the header's when linking.
#include <stddef.h>

void *hostile_alloc(size_t size);

__attribute__((export_name("__wbindgen_malloc"))) void *__wbindgen_malloc(size_t size) {
    if (size == 13) __builtin_trap();
    return hostile_alloc(size);
}
