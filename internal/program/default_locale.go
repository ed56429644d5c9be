package program

import (
	"slices"
	"strings"

	"warmloop/internal/locale"
)

// checkDefaultLocale checks the program's default language: one of the
// shipped locales, as stored ("de", not "de-AT" or "German"). Empty is a
// record from before locales, which Load reads as English.
func checkDefaultLocale(v string) string {
	if v == "" || slices.Contains(locale.Shipped, v) {
		return ""
	}
	return "Choose the default language from the list: " + strings.Join(locale.Shipped, ", ") + ". Customers without a language of their own read it."
}
