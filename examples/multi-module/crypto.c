// The crypto module: SHA-256 (FIPS 180-4) behind an incremental, scalar-only interface, so that
// another module with its own memory can hash its bytes by passing them as numbers:
//
//   sha256_reset()                   starts a new message
//   sha256_update(word, count)       appends the low `count` bytes (0 to 8) of `word`, lowest first
//   sha256_finish()                  pads the message and computes the digest
//   sha256_digest_word(i)            word i (0 to 7) of the digest; its bytes are big-endian
//
// The state lives in this module's own memory. Updating a finished message, a count above 8 or
// a digest word outside 0..7 traps (a caller's bug, not a condition to handle).
#include <stdint.h>

static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define INITIAL_HASH { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 }
static const uint32_t initial_hash[8] = INITIAL_HASH;

static struct {
    uint32_t hash[8];
    uint8_t block[64];   // the block being filled
    uint32_t filled;     // bytes in `block`
    uint64_t length;     // message length in bytes
    int finished;
} state = { .hash = INITIAL_HASH };  // a new instance holds an empty message

static uint32_t rotate_right(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

// Mixes the full `state.block` into `state.hash`.
static void compress(void) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) {
        const uint8_t *p = &state.block[4 * i];
        w[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    }
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotate_right(w[i - 15], 7) ^ rotate_right(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotate_right(w[i - 2], 17) ^ rotate_right(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state.hash[0], b = state.hash[1], c = state.hash[2], d = state.hash[3];
    uint32_t e = state.hash[4], f = state.hash[5], g = state.hash[6], h = state.hash[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25)) + ((e & f) ^ (~e & g))
            + round_constants[i] + w[i];
        uint32_t t2 = (rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    state.hash[0] += a; state.hash[1] += b; state.hash[2] += c; state.hash[3] += d;
    state.hash[4] += e; state.hash[5] += f; state.hash[6] += g; state.hash[7] += h;
}

static void append_byte(uint8_t byte) {
    state.block[state.filled++] = byte;
    if (state.filled == 64) {
        compress();
        state.filled = 0;
    }
}

/// Starts a new message.
__attribute__((export_name("sha256_reset"))) void sha256_reset(void) {
    for (int i = 0; i < 8; i++) state.hash[i] = initial_hash[i];
    state.filled = 0;
    state.length = 0;
    state.finished = 0;
}

/// Appends the low `count` bytes of `word` to the message, the lowest byte first.
__attribute__((export_name("sha256_update"))) void sha256_update(uint64_t word, uint32_t count) {
    if (state.finished || count > 8) __builtin_trap();
    for (uint32_t i = 0; i < count; i++) append_byte((uint8_t)(word >> (8 * i)));
    state.length += count;
}

/// Pads the message (a 1 bit, zeros, its length in bits) and computes the digest.
__attribute__((export_name("sha256_finish"))) void sha256_finish(void) {
    if (state.finished) return;
    uint64_t bits = state.length * 8;
    append_byte(0x80);
    while (state.filled != 56) append_byte(0);
    for (int i = 7; i >= 0; i--) append_byte((uint8_t)(bits >> (8 * i)));
    state.finished = 1;
}

/// Word `index` (0 to 7) of the digest of the finished message.
__attribute__((export_name("sha256_digest_word"))) uint32_t sha256_digest_word(uint32_t index) {
    if (!state.finished || index > 7) __builtin_trap();
    return state.hash[index];
}
