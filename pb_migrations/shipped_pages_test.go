package pb_migrations_test

import (
	"io/fs"
	"path"
	"strings"
	"testing"

	"warmloop/internal/pages"
	"warmloop/static"
	"warmloop/tests/testapp"
)

func TestAFreshProgramHasEveryShippedPageAsShipped(t *testing.T) {
	app := testapp.New(t)
	files, err := fs.Glob(static.Content, "content/*.md")
	if err != nil || len(files) < 11 {
		t.Fatalf("%d shipped pages, %v", len(files), err)
	}
	shipped := map[string]bool{}
	for _, f := range files {
		slug := strings.TrimSuffix(path.Base(f), ".md")
		shipped[slug] = true
		title, body, ok := pages.Shipped(slug)
		if !ok {
			t.Errorf("static/%s has no title line", f)
			continue
		}
		p := inLocale(t, app, "pages", "slug", slug, "en")
		if p == nil {
			t.Errorf("a fresh program lacks the shipped page %q", slug)
			continue
		}
		if p.GetString("title") != title || p.GetString("body") != body {
			t.Errorf("the page %q a fresh program starts with is not the one pages.Shipped restores", slug)
		}
	}
	all, err := app.FindAllRecords("pages")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range all {
		if !shipped[p.GetString("slug")] {
			t.Errorf("a fresh program has the page %q, which has no shipped copy to restore", p.GetString("slug"))
		}
	}
}
