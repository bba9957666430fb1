// A WASI command: prints a file from a pre-opened directory, with wasi-libc's stdio.
//   hearth run --dir <host dir>::/data examples/c/wasi_read/wasi_read.wasm /data/hello.txt
#include <stdio.h>

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "/data/hello.txt";
    FILE *file = fopen(path, "r");
    if (!file) {
        perror(path);
        return 1;
    }
    char buffer[4096];
    size_t count;
    size_t total = 0;
    while ((count = fread(buffer, 1, sizeof buffer, file)) > 0) {
        fwrite(buffer, 1, count, stdout);
        total += count;
    }
    fclose(file);
    fprintf(stderr, "read %zu bytes from %s\n", total, path);
    return 0;
}
