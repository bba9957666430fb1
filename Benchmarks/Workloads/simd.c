// A SIMD workload (built with -msimd128): an f32 dot product and a 3-row blur of an 8-bit
// image, written with vector types so they compile to wasm v128 instructions.
#include "common.h"
typedef float f32x4 __attribute__((vector_size(16)));
typedef unsigned char u8x16 __attribute__((vector_size(16)));
typedef unsigned short u16x8 __attribute__((vector_size(16)));
typedef unsigned char u8x8 __attribute__((vector_size(8)));

#define N 16384
static f32x4 xs[N / 4], ys[N / 4];
#define W 512
#define H 256
static u8x16 image[H][W / 16], blurred[H][W / 16];

static float dot(void) {
    f32x4 sum = {0, 0, 0, 0};
    for (int i = 0; i < N / 4; i++) sum += xs[i] * ys[i];
    return sum[0] + sum[1] + sum[2] + sum[3];
}

static u8x16 average3(u8x16 a, u8x16 b, u8x16 c) {
    // Widen to 16 bits, add, divide by 4 after doubling the middle row, narrow back.
    u8x8 alo = __builtin_shufflevector(a, a, 0, 1, 2, 3, 4, 5, 6, 7), ahi = __builtin_shufflevector(a, a, 8, 9, 10, 11, 12, 13, 14, 15);
    u8x8 blo = __builtin_shufflevector(b, b, 0, 1, 2, 3, 4, 5, 6, 7), bhi = __builtin_shufflevector(b, b, 8, 9, 10, 11, 12, 13, 14, 15);
    u8x8 clo = __builtin_shufflevector(c, c, 0, 1, 2, 3, 4, 5, 6, 7), chi = __builtin_shufflevector(c, c, 8, 9, 10, 11, 12, 13, 14, 15);
    u16x8 lo = (__builtin_convertvector(alo, u16x8) + __builtin_convertvector(blo, u16x8) * 2 + __builtin_convertvector(clo, u16x8)) >> 2;
    u16x8 hi = (__builtin_convertvector(ahi, u16x8) + __builtin_convertvector(bhi, u16x8) * 2 + __builtin_convertvector(chi, u16x8)) >> 2;
    u8x8 nlo = __builtin_convertvector(lo, u8x8), nhi = __builtin_convertvector(hi, u8x8);
    return __builtin_shufflevector(nlo, nhi, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}

EXPORT(run) u64 run(int rounds) {
    for (int i = 0; i < N / 4; i++)
        for (int k = 0; k < 4; k++) { xs[i][k] = (float)((i * 4 + k) % 7) * 0.5f; ys[i][k] = (float)((i * 4 + k) % 5) * 0.25f; }
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W / 16; x++)
            for (int k = 0; k < 16; k++) image[y][x][k] = (unsigned char)(x * 16 + k + y * 3);
    u64 checksum = 0;
    for (int r = 0; r < rounds; r++) {
        checksum += (u64)dot();
        for (int y = 1; y < H - 1; y++)
            for (int x = 0; x < W / 16; x++) blurred[y][x] = average3(image[y - 1][x], image[y][x], image[y + 1][x]);
        u8x16 acc = {0};
        for (int y = 0; y < H; y++) for (int x = 0; x < W / 16; x++) acc ^= blurred[y][x];
        for (int k = 0; k < 16; k++) checksum = checksum * 31 + acc[k];
        image[r % H][0][0] ^= (unsigned char)checksum;
    }
    return checksum;
}
