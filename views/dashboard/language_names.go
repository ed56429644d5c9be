package dashboard

import "warmloop/internal/locale"

// languageName names a shipped language in the reader's language ("Deutsch"
// for a German reader, "German" for an English one); a tag Warmloop does not
// ship keeps the name locale.Name gives it.
func languageName(sp locale.Speaker, tag string) string {
	switch tag {
	case "en":
		return sp.T("dash.language.en")
	case "de":
		return sp.T("dash.language.de")
	case "fr":
		return sp.T("dash.language.fr")
	case "es":
		return sp.T("dash.language.es")
	case "nl":
		return sp.T("dash.language.nl")
	}
	return locale.Name(tag)
}
