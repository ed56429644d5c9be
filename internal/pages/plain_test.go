package pages_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"warmloop/internal/pages"
	"warmloop/static"
)

func TestTextPartReadsMarkdownAsPlainWords(t *testing.T) {
	src := "# You reached **{{tier_name}}**\n\nYou earned _a thank-you_, `really`.\nSee <https://w.example/a>\nor [our page](https://w.example/p).\n\n" +
		"- one **item**\n- two\n\n1. first\n2. second\n\n> quoted *words*\n\nA \\*literal\\* star &amp; more."
	got := pages.Text(src, pages.Vars{People: map[string]string{"tier_name": "First *win*"}})
	want := "You reached First *win*\n\nYou earned a thank-you, really.\nSee https://w.example/a\nor our page: https://w.example/p.\n\n" +
		"- one item\n- two\n\n1. first\n2. second\n\n> quoted words\n\nA *literal* star & more.\n"
	if got != want {
		t.Errorf("plain text\n%q\nwant\n%q", got, want)
	}
}

// marks are what a markdown source shows when it is not rendered.
var marks = regexp.MustCompile(`\*\*|__|\]\(|^#+ |\x60`)

func TestShippedEmailsTextPartsCarryNoMarkdown(t *testing.T) {
	files, err := fs.Glob(static.Content, "content/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no shipped copy (%v)", err)
	}
	for _, f := range files {
		b, _ := static.Content.ReadFile(f)
		_, body, _ := strings.Cut(string(b), "\n\n")
		for i, line := range strings.Split(pages.CompileText(body).Fill(map[string]string{"link": "https://w.example/r/x"}), "\n") {
			if marks.MatchString(line) {
				t.Errorf("%s: the text part's line %d shows markdown: %q", f, i+1, line)
			}
		}
	}
}
