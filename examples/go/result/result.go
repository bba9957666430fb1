// Functions that fail with a message: Go's counterpart of examples/rust/result. A non-nil
// error reaches the host as an error carrying err.Error().
package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Parses a positive number, or fails with a message.
//
//hearth:export parse_positive
func parsePositive(text string) (string, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
	switch {
	case err != nil:
		return "", fmt.Errorf("'%s' is not a number", text)
	case n <= 0:
		return "", fmt.Errorf("%d is not positive", n)
	}
	return fmt.Sprintf("%d is positive", n), nil
}

// Integer division that reports division by zero as an error.
//
//hearth:export checked_div
func checkedDiv(a, b int32) (int32, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	return a / b, nil
}

// Reverses bytes, failing on an empty input: a []byte result and an error-only result.
//
//hearth:export reverse_bytes
func reverseBytes(data []byte) ([]byte, error) {
	if len(data) == 0 {
		return nil, errors.New("nothing to reverse")
	}
	for i, j := 0, len(data)-1; i < j; i, j = i+1, j-1 {
		data[i], data[j] = data[j], data[i]
	}
	return data, nil
}

// Succeeds only for "ok": a function whose only result is an error.
//
//hearth:export check
func check(word string) error {
	if word != "ok" {
		return fmt.Errorf("expected ok, got %q", word)
	}
	return nil
}

// The first n bytes of text. Go strings are bytes: cutting inside a character makes invalid
// UTF-8, which the host refuses with an error; n past the end panics, which the host sees
// as the guest exiting.
//
//hearth:export prefix
func prefix(text string, n int32) string {
	return text[:n]
}

// A reactor (-buildmode=c-shared) still needs a main; it never runs.
func main() {}
