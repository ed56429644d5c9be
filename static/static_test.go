package static_test

import (
	"io/fs"
	"testing"

	"warmloop/static"
)

func TestTheShippedCopyIsEmbeddedButNotServed(t *testing.T) {
	if _, err := fs.Stat(static.Content, "content/landing.md"); err != nil {
		t.Errorf("the shipped copy is not embedded: %v", err)
	}
	if _, err := fs.Stat(static.FS, "content"); err == nil {
		t.Error("static.FS, served under /static/, holds the shipped copy")
	}
	for _, name := range []string{"app.css", "app.js", "favicon.svg", "vendor/htmx.min.js"} {
		if _, err := fs.Stat(static.FS, name); err != nil {
			t.Errorf("static.FS lacks %s: %v", name, err)
		}
	}
}
