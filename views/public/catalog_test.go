package public

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"warmloop/internal/locale"
	"warmloop/views/site"
)

// templateDirs are the templates a referrer or referee reads: the public
// pages, and the site's layout and error page.
var templateDirs = []string{"templates", "../site/templates"}

// notWords are the only words a public template may write itself: the
// product's name, and a path shown as code.
var notWords = []string{"Warmloop", "/api/"}

var (
	action    = regexp.MustCompile(`(?s){{.*?}}`)
	tag       = regexp.MustCompile(`(?s)<[^>]*>`)
	shownAttr = regexp.MustCompile(`(?i)\s(placeholder|aria-label|title|alt|value)="([^"]*)"`)
	keyInTpl  = regexp.MustCompile(`\.(?:T|N) "([^"]+)"`)
	keyInGo   = regexp.MustCompile(`\.(?:T|N)\("([^"]+)"|"(form\.error\.[a-z_]+)"`)
)

// hasWord reports whether s, with the allowed non-words taken out, still
// holds a letter: a word a reader sees that no catalog translates.
func hasWord(s string) bool {
	for _, w := range notWords {
		s = strings.ReplaceAll(s, w, "")
	}
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// untranslated lists what a template writes itself: its text between tags
// and its shown attributes (placeholder, aria-label, title, alt, value),
// once every {{action}} is taken out.
func untranslated(src string) []string {
	var out []string
	bare := action.ReplaceAllString(src, "")
	for _, m := range shownAttr.FindAllStringSubmatch(bare, -1) {
		if hasWord(m[2]) {
			out = append(out, m[1]+"="+m[2])
		}
	}
	for _, text := range tag.Split(bare, -1) {
		if t := strings.TrimSpace(text); hasWord(t) {
			out = append(out, t)
		}
	}
	return out
}

func readTemplates(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, dir := range templateDirs {
		names, err := filepath.Glob(filepath.Join(dir, "*.html"))
		if err != nil || len(names) == 0 {
			t.Fatalf("no templates in %s: %v", dir, err)
		}
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			files[n] = string(b)
		}
	}
	return files
}

func TestNoPublicTemplateWritesAWordOfItsOwn(t *testing.T) {
	for name, src := range readTemplates(t) {
		for _, s := range untranslated(src) {
			t.Errorf("%s writes %q itself: put it in the catalog and write {{.T \"…\"}}", name, s)
		}
	}
}

func TestTheWordFinderSeesTextAndShownAttributes(t *testing.T) {
	got := untranslated(`<p>{{.T "a"}} Hello</p><input placeholder="Your name" value="{{.X}}"><button value="1">{{.T "b"}}</button> · <code>/api/</code> Warmloop`)
	if !slices.Equal(got, []string{"placeholder=Your name", "Hello"}) {
		t.Errorf("found %q", got)
	}
}

// dynamicKeys are the ids templates build from a value ({{.T (print
// "record.stage." .Stage)}}), for every value they can take.
func dynamicKeys() []string {
	var ids []string
	for _, stage := range []string{"invited", "visited", "booked", "won", "lost"} {
		ids = append(ids, "record.stage."+stage, "record.stage_lower."+stage, "record.note."+stage)
	}
	for _, status := range []string{"earned", "approved", "fulfilled", "declined"} {
		ids = append(ids, "record.reward.status."+status)
	}
	for _, state := range []string{closedExpired, closedRenewed, closedRenewedRecently, closedOptedOut, closedShareOff} {
		ids = append(ids, "closed."+state+".title")
	}
	return ids
}

func TestEveryKeyTheCodeUsesIsInTheCatalog(t *testing.T) {
	keys, err := locale.Keys(locale.English)
	if err != nil {
		t.Fatal(err)
	}
	var english []string
	for _, ids := range keys {
		english = append(english, ids...)
	}
	used := map[string]string{}
	for name, src := range readTemplates(t) {
		for _, m := range keyInTpl.FindAllStringSubmatch(src, -1) {
			used[m[1]] = name
		}
	}
	for _, id := range dynamicKeys() {
		used[id] = "a template, built from a value"
	}
	err = filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "tests" || d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyInGo.FindAllStringSubmatch(string(b), -1) {
			used[m[1]+m[2]] = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys in use; the finder is broken", len(used))
	}
	for id, where := range used {
		if strings.HasSuffix(id, ".") {
			continue // a prefix completed by a value: the dashboard's own test lists those
		}
		if !slices.Contains(english, id) {
			t.Errorf("%s uses %q, which the English catalog lacks", where, id)
		}
	}
}

func TestARightToLeftLanguageRendersRightToLeft(t *testing.T) {
	// No shipped catalog is right to left: force Arabic on the page, as a
	// catalog added for it would; its words fall back to English.
	page, err := renderPage("unsubscribe", unsubscribePage{
		Layout: site.Layout{Speaker: locale.For("ar"), Brand: "Acme"}, Token: "t", FirstName: "Ana",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<html lang="ar" dir="rtl">`) || !strings.Contains(string(page), "Stop referral emails?") {
		t.Errorf("an Arabic page:\n%s", page)
	}
}
