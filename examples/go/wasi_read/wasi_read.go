// A WASI command: prints the file named by its first argument (default input.txt), which
// must lie in a directory the host pre-opened. No bindings: run it with `hearth run`.
package main

import (
	"fmt"
	"os"
)

func main() {
	path := "input.txt"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasi_read:", err)
		os.Exit(1)
	}
	fmt.Printf("%d bytes: %s", len(data), data)
}
