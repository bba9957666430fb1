#include "common.h"
static u8 flags[1 << 20];
// Counts primes below `limit` (at most 2^20), `rounds` times.
EXPORT(run) u64 run(int rounds) {
    const int limit = 1 << 20;
    u64 total = 0;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < limit; i++) flags[i] = 1;
        for (int i = 2; i < limit; i++) {
            if (!flags[i]) continue;
            total++;
            for (int j = i + i; j < limit; j += i) flags[j] = 0;
        }
    }
    return total;
}
