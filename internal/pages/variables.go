package pages

import (
	"regexp"
	"slices"
	"strings"
)

// anyVar finds every {{...}}, well formed or not, so a typo such as
// {{First_Name}} or {{first-name}} is caught too.
var anyVar = regexp.MustCompile(`\{\{([^{}]*)\}\}`)

// UnknownVars lists the {{variables}} in src that are not in known, once
// each, as written: readers would see them as typed.
func UnknownVars(src string, known []string) []string {
	var out []string
	for _, m := range anyVar.FindAllStringSubmatch(src, -1) {
		if !slices.Contains(known, strings.TrimSpace(m[1])) && !slices.Contains(out, m[0]) {
			out = append(out, m[0])
		}
	}
	return out
}

// Braced writes variable names as {{name}}, comma-separated.
func Braced(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{" + n + "}}"
	}
	return strings.Join(out, ", ")
}
