package asks_test

import (
	"strings"
	"testing"

	"warmloop/internal/asks"
)

func TestAVariantBodyNeedsTheLink(t *testing.T) {
	cases := []struct {
		name, body string
		ok         bool
		says       string
	}{
		{"the starter body", "Hi {{first_name}},\n\n[Introduce someone]({{link}})", true, ""},
		{"the link with spaces inside the braces", "[Go]({{ link }})", true, ""},
		{"no link", "Hi {{first_name}}, know anyone?", false, "Put the ask's link in the email"},
		{"another variable only", "[Go]({{linked}})", false, "Put the ask's link in the email"},
		{"an empty body", "  \n", false, "Write the email"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := asks.CheckVariantBody(c.body)
			if (err == nil) != c.ok || err != nil && !strings.Contains(err.Error(), c.says) {
				t.Errorf("CheckVariantBody(%q) = %v, want ok=%v saying %q", c.body, err, c.ok, c.says)
			}
		})
	}
}

func TestAUsedVariantKeepsItsName(t *testing.T) {
	cases := []struct {
		name     string
		from, to string
		asks     int
		says     string
	}{
		{"an unused variant is renamed", "spare", "spare-v2", 0, ""},
		{"a used variant keeps its name", "tested", "renamed", 1, "1 ask already recorded the name “tested”"},
		{"a used variant saved with its name", "tested", "tested", 3, ""},
		{"the count is written in plural", "tested", "renamed", 3, "3 asks already recorded"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := asks.CheckVariantRename(c.from, c.to, c.asks)
			if (err == nil) != (c.says == "") || err != nil && !strings.Contains(err.Error(), c.says) {
				t.Errorf("CheckVariantRename(%q, %q, %d) = %v, want %q", c.from, c.to, c.asks, err, c.says)
			}
		})
	}
}

func TestAUsedVariantIsNotDeleted(t *testing.T) {
	if err := asks.CheckVariantDelete(0); err != nil {
		t.Errorf("an unused variant was refused: %v", err)
	}
	for n, says := range map[int]string{1: "1 ask was made with it", 4: "4 asks were made with it"} {
		if err := asks.CheckVariantDelete(n); err == nil || !strings.Contains(err.Error(), says) || !strings.Contains(err.Error(), "Deactivate it instead") {
			t.Errorf("CheckVariantDelete(%d) = %v, want it to say %q and what to do", n, err, says)
		}
	}
}
