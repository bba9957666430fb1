// JSON text in and out: Go's counterpart of examples/rust/process_json and examples/rust/handle.
package main

import (
	"encoding/json"
	"fmt"
)

// Parses JSON, adds "processed": true to an object (or wraps anything else), and returns it.
//
//hearth:export process_json
func processJSON(input string) (string, error) {
	var value any
	if err := json.Unmarshal([]byte(input), &value); err != nil {
		return "", err
	}
	if object, ok := value.(map[string]any); ok {
		object["processed"] = true
	} else {
		value = map[string]any{"value": value, "processed": true}
	}
	output, err := json.Marshal(value)
	return string(output), err
}

type request struct {
	Name  string `json:"name"`
	Value int64  `json:"value"`
}

type response struct {
	Message  string `json:"message"`
	Computed int64  `json:"computed"`
}

// Takes a JSON request {name, value} and answers {message, computed}.
//
//hearth:export handle
func handle(input string) (string, error) {
	var r request
	if err := json.Unmarshal([]byte(input), &r); err != nil {
		return "", err
	}
	output, err := json.Marshal(response{Message: fmt.Sprintf("Hello, %s", r.Name), Computed: r.Value * 2})
	return string(output), err
}

// A reactor (-buildmode=c-shared) still needs a main; it never runs.
func main() {}
