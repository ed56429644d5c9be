package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// forbidden lists, for each folder of the program, the folders its
// non-test code must never import; ARCHITECTURE.md says why.
var forbidden = []struct{ from, to, why string }{
	{"internal/", "views", "the domain knows nothing of HTTP"},
	{"internal/", "hooks", "the domain knows nothing of record events"},
	{"internal/", "jobs", "the domain knows nothing of schedules"},
	{"internal/", "cli", "the domain knows nothing of commands"},
	{"internal/", "pb_migrations", "the schema's history is frozen; the domain reads the live schema"},
	{"internal/", "tests", "the test kit is not part of the product"},
	{"views", "hooks", "the ways in are peers"},
	{"views", "jobs", "the ways in are peers"},
	{"views", "cli", "the ways in are peers"},
	{"views", "pb_migrations", "shipped copy comes from static/content"},
	{"hooks", "views", "the ways in are peers"},
	{"hooks", "jobs", "the ways in are peers"},
	{"hooks", "cli", "the ways in are peers"},
	{"jobs", "views", "the ways in are peers"},
	{"jobs", "hooks", "the ways in are peers"},
	{"cli", "views", "the ways in are peers"},
	{"cli", "hooks", "the ways in are peers"},
	{"pb_migrations", "internal", "migrations are frozen history: constants are inlined"},
	{"views/site", "views/", "the renderer serves every HTTP package and needs none of them"},
	{"views/form", "views/", "the form helpers serve every HTTP package and need none of them"},
}

// under reports whether dir is the folder prefix names or inside it; a
// prefix ending in / matches only what is inside.
func under(dir, prefix string) bool {
	if strings.HasSuffix(prefix, "/") {
		return strings.HasPrefix(dir+"/", prefix) && dir+"/" != prefix
	}
	return dir == prefix || strings.HasPrefix(dir, prefix+"/")
}

func TestNoForbiddenImports(t *testing.T) {
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "artifacts") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			target, ok := strings.CutPrefix(p, "warmloop/")
			if !ok {
				continue
			}
			checked++
			if under(dir, "views/") && !under(dir, "views/site") && !under(dir, "views/form") && under(target, "views/") {
				if !under(target, "views/site") && !under(target, "views/form") && !under(target, dir) {
					t.Errorf("%s imports %s: public pages, dashboard and webhooks share only site and form", path, p)
				}
			}
			if dir != "." && under(target, "tests") && !under(dir, "tests") {
				t.Errorf("%s imports %s: the test kit is not part of the product", path, p)
			}
			for _, rule := range forbidden {
				if under(dir, rule.from) && under(target, rule.to) && !under(target, dir) {
					t.Errorf("%s imports %s: %s", path, p, rule.why)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("checked only %d imports: the walk did not read the tree", checked)
	}
}
