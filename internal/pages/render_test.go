package pages_test

import (
	"strings"
	"testing"

	"warmloop/internal/pages"
)

func TestHTMLFillsVariablesAndEscapesWhatPeopleTyped(t *testing.T) {
	src := "Hi {{first_name}},\n\n> {{message}}\n\n[Introduce someone]({{link}})\n\n{{unknown}}"
	out, err := pages.HTML(src, pages.Vars{
		People: map[string]string{"first_name": "<script>alert(1)</script>", "message": "*bold* [x](javascript:alert(1))\n# heading"},
		System: map[string]string{"link": "https://ref.example/r/abc123"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", "<em>", "<strong>", `href="javascript`, "<h1>"} {
		if strings.Contains(out, bad) {
			t.Errorf("people's input became markup %q:\n%s", bad, out)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "<blockquote>", `<a href="https://ref.example/r/abc123">Introduce someone</a>`, "{{unknown}}"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRawHTMLInAPageIsLeftOut(t *testing.T) {
	out, _ := pages.HTML("Hello <img src=x onerror=alert(1)> world", pages.Vars{})
	if strings.Contains(out, "<img") {
		t.Errorf("raw HTML passed through: %s", out)
	}
}

func TestTextWritesLinksOut(t *testing.T) {
	out := pages.Text("## Hello {{first_name}}\n\n[Introduce someone]({{link}})", pages.Vars{
		People: map[string]string{"first_name": "Ana"},
		System: map[string]string{"link": "https://ref.example/r/abc"},
	})
	if out != "Hello Ana\n\nIntroduce someone: https://ref.example/r/abc\n" {
		t.Errorf("text alternative:\n%q", out)
	}
}

func TestLineFillsASubject(t *testing.T) {
	if got := pages.Line("A quick favour, {{first_name}}?", pages.Vars{People: map[string]string{"first_name": "Ana\nBcc: x"}}); got != "A quick favour, Ana Bcc: x?" {
		t.Errorf("subject %q", got)
	}
}

func TestCompiledPageFillsSlotsEscaped(t *testing.T) {
	src := "Hi {{first_name}} of {{company_name}},\n\n[Send]({{link}}) and [bad]({{first_name}})\n\n{{unknown}}"
	c, err := pages.Compile(src, pages.Vars{People: map[string]string{"company_name": "*Acme*"}},
		[]string{"first_name"}, []string{"link"})
	if err != nil {
		t.Fatal(err)
	}
	out := c.Fill(map[string]string{"first_name": "javascript:alert('<b>')", "link": "https://x.example/r/a?b=1&c=2"})
	for _, want := range []string{
		"Hi javascript:alert(&#39;&lt;b&gt;&#39;) of *Acme*",
		`<a href="https://x.example/r/a?b=1&amp;c=2">Send</a>`,
		`<a href="javascript%3Aalert%28%27%3Cb%3E%27%29">bad</a>`,
		"{{unknown}}",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("compiled page lacks %q:\n%s", want, out)
		}
	}
	plain, _ := pages.Compile("Just **text**.", pages.Vars{}, nil, nil)
	if got := plain.Fill(nil); got != "<p>Just <strong>text</strong>.</p>\n" {
		t.Errorf("a page with no slots = %q", got)
	}
}

func TestCompiledTextMatchesText(t *testing.T) {
	src := "# Hi {{first_name}}\n\nSee [your page]({{link}}) from {{company_name}}.\n\n{{unknown}}  \n"
	vars := pages.Vars{People: map[string]string{"first_name": "Ana *x*", "company_name": "Acme"}, System: map[string]string{"link": "https://x.example/r/a"}}
	values := map[string]string{"first_name": "Ana *x*", "company_name": "Acme", "link": "https://x.example/r/a"}
	if got, want := pages.CompileText(src).Fill(values), pages.Text(src, vars); got != want {
		t.Errorf("compiled text\n%q\nwant\n%q", got, want)
	}
}
