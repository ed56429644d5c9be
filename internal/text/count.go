package text

import "strconv"

// Count writes n with the word that fits it: "1 ask", "0 asks", "3 asks".
// One and many are both given, for words that do not just add an s.
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
