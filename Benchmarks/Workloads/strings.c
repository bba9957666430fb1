// Host-call workloads: a typed add, and a string round trip through guest memory with a
// bump allocator the host calls (alloc, then reverse, then reset).
#include "common.h"
extern u8 __heap_base;
static u32 heap_top;
EXPORT(add) int add(int a, int b) { return a + b; }
EXPORT(alloc) u32 alloc(u32 size) {
    if (!heap_top) heap_top = (u32)&__heap_base;
    u32 p = (heap_top + 7) & ~7u;
    heap_top = p + size;
    return p;
}
EXPORT(reset) void reset(void) { heap_top = (u32)&__heap_base; }
// Returns a new string: the input reversed (same length).
EXPORT(reverse) u32 reverse(u32 ptr, u32 len) {
    u8 *in = (u8 *)ptr, *out = (u8 *)alloc(len);
    for (u32 i = 0; i < len; i++) out[i] = in[len - 1 - i];
    return (u32)out;
}
