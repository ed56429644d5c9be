package site

import (
	"html/template"
	"strings"
	"testing"
	"time"
)

func TestTemplateFunctionsWriteDatesInTheZoneAndMoneyInTheCurrency(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	tpl := template.Must(template.New("t").Funcs(FuncsFor(tokyo, "EUR")).Parse(`{{when .}} · {{date .}} · {{money 1234.5}} · {{currency}}`))
	var b strings.Builder
	// 20:30 UTC on 1 December is already the 2nd in Tokyo.
	if err := tpl.Execute(&b, time.Date(2026, 12, 1, 20, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if want := "2 Dec 2026, 05:30 JST · 2 Dec 2026 · €1,235 · EUR"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	b.Reset()
	utc := template.Must(template.New("t").Funcs(Funcs).Parse(`{{when .}} · {{money 5}}`))
	if err := utc.Execute(&b, time.Date(2026, 12, 1, 20, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if want := "1 Dec 2026, 20:30 UTC · $5"; b.String() != want {
		t.Errorf("the defaults: got %q, want %q", b.String(), want)
	}
}
