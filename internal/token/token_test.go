package token_test

import (
	"regexp"
	"testing"

	"warmloop/internal/token"
)

func TestNewTokensMatchThePatternAndDoNotRepeat(t *testing.T) {
	re := regexp.MustCompile("^" + token.Pattern + "$")
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		tok := token.New()
		if !re.MatchString(tok) {
			t.Fatalf("token %q does not match %s", tok, token.Pattern)
		}
		if seen[tok] {
			t.Fatalf("token %q repeated after %d draws", tok, i)
		}
		seen[tok] = true
	}
}
