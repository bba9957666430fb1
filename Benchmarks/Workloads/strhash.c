#include "common.h"
#define SLOTS 65536
static u32 keys[SLOTS];
static u32 counts[SLOTS];
static char text[32];
static u32 fnv1a(const char *s, int n) {
    u32 h = 2166136261u;
    for (int i = 0; i < n; i++) { h ^= (u8)s[i]; h *= 16777619u; }
    return h;
}
// Builds `n` short keys ("key-<number>"), hashes them, and counts them in an open-addressed table.
EXPORT(run) u64 run(int n) {
    for (int i = 0; i < SLOTS; i++) { keys[i] = 0; counts[i] = 0; }
    u64 total = 0;
    for (int i = 0; i < n; i++) {
        int v = i % 40000, len = 0;
        text[len++] = 'k'; text[len++] = 'e'; text[len++] = 'y'; text[len++] = '-';
        char digits[12]; int d = 0;
        do { digits[d++] = (char)('0' + v % 10); v /= 10; } while (v);
        while (d) text[len++] = digits[--d];
        u32 h = fnv1a(text, len) | 1, slot = h & (SLOTS - 1);
        while (keys[slot] && keys[slot] != h) slot = (slot + 1) & (SLOTS - 1);
        keys[slot] = h;
        total += ++counts[slot];
    }
    return total;
}
