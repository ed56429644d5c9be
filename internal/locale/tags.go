// Package locale is the one home of the languages Warmloop speaks: which
// locales it ships, the one check that turns what a person, a tool or a
// browser sends into a tag Warmloop stores, and the choice of the locale a
// page or an email is written in.
package locale

import (
	"strings"

	"golang.org/x/text/language"
)

// English is the locale every lookup ends at: the shipped copy is written in it.
const English = "en"

// Shipped are the locales Warmloop has a catalog for, English first.
var Shipped = []string{"en", "de", "fr", "es", "nl"}

var (
	shippedTags = func() []language.Tag {
		tags := make([]language.Tag, len(Shipped))
		for i, s := range Shipped {
			tags[i] = language.MustParse(s)
		}
		return tags
	}()
	matcher = language.NewMatcher(shippedTags)
)

// maxTagLen bounds what is parsed: no BCP 47 tag a person would send is longer.
const maxTagLen = 35

// Normalize turns a locale from outside ("de", "fr_CA", "EN-gb") into the
// form Warmloop stores ("de", "fr-CA", "en-GB"). It reports false, and
// returns "", for a tag that is malformed or whose language Warmloop does
// not ship, so such a value falls back to the program's default and is
// never stored as given.
func Normalize(s string) (string, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if s == "" || len(s) > maxTagLen {
		return "", false
	}
	tag, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	if _, ok := shippedBase(tag); !ok {
		return "", false
	}
	// Keep the language and region only: scripts and extensions say
	// nothing a page here is written for.
	base, _ := tag.Base()
	if region, conf := tag.Region(); conf == language.Exact {
		return base.String() + "-" + region.String(), true
	}
	return base.String(), true
}

// Base is the shipped catalog a stored tag is read in: "fr-CA" → "fr".
// An empty or unknown tag has none.
func Base(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	tag, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	return shippedBase(tag)
}

func shippedBase(tag language.Tag) (string, bool) {
	base, conf := tag.Base()
	if conf == language.No {
		return "", false
	}
	for _, s := range Shipped {
		if base.String() == s {
			return s, true
		}
	}
	return "", false
}

// Pick is the shipped locale a person reads: theirs when Warmloop ships
// its language, else the program's default when it does, else English.
func Pick(person, programDefault string) string {
	if b, ok := Base(person); ok {
		return b
	}
	if b, ok := Base(programDefault); ok {
		return b
	}
	return English
}

// FromAcceptLanguage is the shipped locale a browser's Accept-Language
// header asks for, when it asks for one Warmloop ships; "" otherwise. A
// header that names only languages Warmloop lacks (or is malformed) gives
// "", so the caller keeps the locale it had.
func FromAcceptLanguage(header string) string {
	if header == "" || len(header) > 512 {
		return ""
	}
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return ""
	}
	_, i, conf := matcher.Match(tags...)
	if conf < language.High {
		return ""
	}
	return Shipped[i]
}

// rtlScripts are the scripts written right to left.
var rtlScripts = map[string]bool{
	"Arab": true, "Hebr": true, "Thaa": true, "Syrc": true, "Nkoo": true,
	"Adlm": true, "Rohg": true, "Mand": true, "Samr": true,
}

// Dir is the direction a locale's text runs in, for the html element's dir
// attribute: "rtl" for Arabic, Hebrew, Persian, Urdu and the like, "ltr"
// otherwise. No shipped locale is right to left yet; a catalog added for
// one is laid out right without further change.
func Dir(s string) string {
	tag, err := language.Parse(s)
	if err != nil {
		return "ltr"
	}
	script, _ := tag.Script()
	if rtlScripts[script.String()] {
		return "rtl"
	}
	return "ltr"
}
