// Greets someone by name: Go's counterpart of examples/rust/greet.
package main

import "fmt"

// Greets someone by name.
//
//hearth:export greet
func greet(name string) string {
	return fmt.Sprintf("Hello, %s!", name)
}

// A reactor (-buildmode=c-shared) still needs a main; it never runs.
func main() {}
