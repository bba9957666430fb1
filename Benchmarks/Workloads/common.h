// Shared by the benchmark workloads: no libc, exports by name.
#pragma once
#define EXPORT(name) __attribute__((export_name(#name)))
typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned char u8;

static u32 lcg_state = 12345;
static inline u32 lcg(void) { lcg_state = lcg_state * 1103515245u + 12345u; return lcg_state >> 1; }
