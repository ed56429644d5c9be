package locale

import (
	"slices"
	"testing"
)

func TestWrittenIsAShippedBaseEnglishByDefaultAndRefusesTheRest(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"", "en", true},
		{"  ", "en", true},
		{"de", "de", true},
		{"de-AT", "de", true},
		{"FR_ca", "fr", true},
		{"nl", "nl", true},
		{"ja", "", false},
		{"xx-!!", "", false},
	}
	for _, c := range cases {
		got, err := Written(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("Written(%q) = %q, %v; want %q, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestChainTriesThePersonThenTheDefaultThenEnglishOnce(t *testing.T) {
	cases := []struct {
		person, def string
		want        []string
	}{
		{"de-AT", "fr", []string{"de", "fr", "en"}},
		{"", "fr", []string{"fr", "en"}},
		{"ja", "nl", []string{"nl", "en"}},
		{"fr", "fr", []string{"fr", "en"}},
		{"en-GB", "de", []string{"en", "de"}},
		{"", "", []string{"en"}},
	}
	for _, c := range cases {
		if got := Chain(c.person, c.def); !slices.Equal(got, c.want) {
			t.Errorf("Chain(%q, %q) = %v, want %v", c.person, c.def, got, c.want)
		}
	}
}
