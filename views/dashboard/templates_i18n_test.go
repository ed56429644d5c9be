package dashboard_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"warmloop/internal/locale"
	"warmloop/views/dashboard"
)

var (
	templateAction = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	htmlTag        = regexp.MustCompile(`(?s)<[^>]*>`)
	wordAttr       = regexp.MustCompile(`(?i)\b(placeholder|aria-label|title|alt)="([^"]*)"`)
	buttonValue    = regexp.MustCompile(`(?is)<(?:button|input)[^>]*\btype="(?:submit|button|reset)"[^>]*\bvalue="([^"]*)"`)
	aWord          = regexp.MustCompile(`\p{L}{2,}`)
	keyUse         = regexp.MustCompile(`\.(?:T|N) "([a-z0-9_.]+)"|\.(?:T|N)\("([a-z0-9_.]+)"`)
)

// untranslatedWords lists the words a template writes itself instead of
// through the catalog: text between tags and the attributes a person
// reads or hears, once the template's actions are taken out. The brand
// in page titles is a name, not a word to translate.
func untranslatedWords(src string) []string {
	src = templateAction.ReplaceAllString(src, "")
	var found []string
	for _, m := range wordAttr.FindAllStringSubmatch(src, -1) {
		if aWord.MatchString(m[2]) {
			found = append(found, m[1]+"="+m[2])
		}
	}
	for _, m := range buttonValue.FindAllStringSubmatch(src, -1) {
		if aWord.MatchString(m[1]) {
			found = append(found, "value="+m[1])
		}
	}
	for _, text := range htmlTag.Split(src, -1) {
		text = strings.TrimSpace(strings.ReplaceAll(text, "Warmloop", ""))
		if aWord.MatchString(text) {
			found = append(found, text)
		}
	}
	return found
}

func dashboardTemplates(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir("templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(strings.TrimPrefix(p, "templates/"))] = string(b)
		return err
	})
	if err != nil || len(out) < 20 {
		t.Fatalf("read %d dashboard templates: %v", len(out), err)
	}
	return out
}

func TestEveryDashboardTemplateSaysEveryWordThroughTheCatalog(t *testing.T) {
	for name, src := range dashboardTemplates(t) {
		for _, w := range untranslatedWords(src) {
			t.Errorf("%s writes %q itself: say it with {{.T \"dash.…\"}}", name, w)
		}
	}
}

func TestTheCoverageCheckFindsAWordWrittenInATemplate(t *testing.T) {
	for src, want := range map[string]int{
		`<h1>{{.T "dash.overview.heading"}}</h1>`:                                       0,
		`<h1>Customers</h1>`:                                                            1,
		`<input placeholder="Name, email">`:                                             1,
		`<a aria-label="{{.T "x"}}" href="/dashboard">→</a>`:                            0,
		`<button type="submit" value="Save">{{.T "x"}}</button>`:                        1,
		`{{define "title"}}{{.T "dash.overview.title"}} · {{.Brand}} · Warmloop{{end}}`: 0,
	} {
		if got := len(untranslatedWords(src)); got != want {
			t.Errorf("%s: found %d untranslated, want %d", src, got, want)
		}
	}
}

func TestEveryCatalogKeyTheDashboardUsesExistsInEveryShippedLanguage(t *testing.T) {
	used := map[string]bool{}
	for _, src := range dashboardTemplates(t) {
		for _, m := range keyUse.FindAllStringSubmatch(src, -1) {
			used[m[1]+m[2]] = true
		}
	}
	goFiles, _ := filepath.Glob("*.go")
	for _, f := range goFiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(b), -1) {
			used[m[1]+m[2]] = true
		}
	}
	for _, k := range dashboard.DynamicKeys() {
		used[k] = true
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys in use: the search is broken", len(used))
	}
	for _, lang := range locale.Shipped {
		keys, err := locale.Keys(lang)
		if err != nil {
			t.Fatal(err)
		}
		var all []string
		for _, ks := range keys {
			all = append(all, ks...)
		}
		for k := range used {
			// "dash.label." + value is a prefix: DynamicKeys lists its keys.
			if !strings.HasSuffix(k, ".") && !slices.Contains(all, k) {
				t.Errorf("%s: the dashboard uses %q, which the catalog lacks", lang, k)
			}
		}
	}
}
