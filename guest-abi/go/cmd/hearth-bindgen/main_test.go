package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The committed examples' hearth_bindings.go must be what the generator writes today.
func TestExampleBindingsAreNotStale(t *testing.T) {
	dirs, err := filepath.Glob("../../../../examples/go/*/" + outputName)
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples found (%v)", err)
	}
	for _, committed := range dirs {
		dir := filepath.Dir(committed)
		scratch := t.TempDir()
		sources, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, source := range sources {
			if filepath.Base(source) == outputName {
				continue
			}
			data, err := os.ReadFile(source)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(scratch, filepath.Base(source)), data, 0o644)
		}
		if err := generate(scratch); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		want, _ := os.ReadFile(committed)
		got, _ := os.ReadFile(filepath.Join(scratch, outputName))
		if !bytes.Equal(want, got) {
			t.Errorf("%s is stale: run examples/go/build.sh", committed)
		}
	}
}

// Unsupported types are refused with the declaration's position, not miscompiled.
func TestUnsupportedTypesAreRejected(t *testing.T) {
	dir := t.TempDir()
	source := "package main\n\n//hearth:export f\nfunc f(x int) int { return x }\n"
	os.WriteFile(filepath.Join(dir, "f.go"), []byte(source), 0o644)
	err := generate(dir)
	if err == nil || !strings.Contains(err.Error(), "type int is not supported") {
		t.Fatalf("got %v", err)
	}
}

// The section is one record: a 0.2.83 header, then the program wasm-bindgen-shared encodes.
func TestSectionEncodesAFreeFunction(t *testing.T) {
	b := &bindings{pkg: "main", crate: "greet-go", exports: []export{{goName: "greet", jsName: "greet",
		params: []param{{"name", goType{name: "string"}}}, result: &goType{name: "string"}}}}
	got := section(b)
	header := `{"schema_version":"0.2.83","version":"0.2.83"}`
	program := "\x01\x00\x00\x00\x01\x04name\x00\x05greet\x01\x00\x01\x01\x00\x00" + // one export
		"\x00\x00\x00\x00\x00\x00\x08greet-go\x00"
	want := append([]byte{byte(len(header)), 0, 0, 0}, header...)
	want = append(append(want, byte(len(program)), 0, 0, 0), program...)
	if !bytes.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}
