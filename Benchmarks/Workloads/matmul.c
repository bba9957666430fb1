#include "common.h"
#define N 128
static double a[N][N], b[N][N], c[N][N];
// Multiplies two N x N f64 matrices `rounds` times; returns a checksum of the result.
EXPORT(run) u64 run(int rounds) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { a[i][j] = (i * 3 + j) % 17 * 0.5; b[i][j] = (i + j * 7) % 13 * 0.25; }
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                double sum = 0;
                for (int k = 0; k < N; k++) sum += a[i][k] * b[k][j];
                c[i][j] = sum;
            }
        a[r % N][r % N] += c[N - 1][N - 1] * 1e-9;
    }
    double checksum = 0;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) checksum += c[i][j];
    return (u64)(checksum * 1000.0);
}
