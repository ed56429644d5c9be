package asks

import (
	"crypto/rand"
	"regexp/syntax"
	"sync"

	"github.com/pocketbase/pocketbase/tools/security"
)

// A new record's id and tokens are drawn from their fields' autogenerate
// patterns, as a save draws them. PocketBase's RandomStringByRegex parses
// the pattern anew for every value: in a cadence pass of 10,000 asks and
// their emails that parsing was about a sixth of the memory allocated. The
// patterns are almost always one character class drawn a fixed number of
// times ([a-z0-9]{15}, the ids'), and those are drawn here straight from
// the class, with the same cryptographic randomness; any other pattern
// still goes through PocketBase.

// drawers holds each pattern's way of drawing a value, made once.
var drawers sync.Map // pattern → func() (string, error)

// drawByPattern draws a value matching the autogenerate pattern.
func drawByPattern(pattern string) (string, error) {
	d, ok := drawers.Load(pattern)
	if !ok {
		d, _ = drawers.LoadOrStore(pattern, drawerFor(pattern))
	}
	return d.(func() (string, error))()
}

// drawerFor is the drawing of pattern: straight from its class when
// directDraw allows, through PocketBase otherwise.
func drawerFor(pattern string) func() (string, error) {
	alphabet, n := directDraw(pattern)
	if alphabet == nil {
		return func() (string, error) { return security.RandomStringByRegex(pattern) }
	}
	return func() (string, error) { return fromAlphabet(alphabet, n) }
}

// directDraw is the alphabet and length of a pattern that is one class of
// at least two ASCII characters repeated a fixed number of times, and nil
// for any other pattern.
func directDraw(pattern string) (alphabet []byte, n int) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil || re.Op != syntax.OpRepeat || re.Min != re.Max || re.Min < 1 || len(re.Sub) != 1 || re.Sub[0].Op != syntax.OpCharClass {
		return nil, 0
	}
	ranges := re.Sub[0].Rune
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			if r > 127 || len(alphabet) == 128 {
				return nil, 0
			}
			alphabet = append(alphabet, byte(r))
		}
	}
	if len(alphabet) < 2 {
		return nil, 0
	}
	return alphabet, re.Min
}

// fromAlphabet draws n characters of alphabet (at most 128), each equally
// likely: a random byte is kept only below the largest multiple of the
// alphabet's size, so no character is favoured.
func fromAlphabet(alphabet []byte, n int) (string, error) {
	limit := byte(256 - 256%len(alphabet))
	out := make([]byte, 0, n)
	buf := make([]byte, n+n/2)
	for len(out) < n {
		if _, err := rand.Read(buf); err != nil {
			return "", err
		}
		for _, b := range buf {
			if limit != 0 && b >= limit {
				continue
			}
			out = append(out, alphabet[int(b)%len(alphabet)])
			if len(out) == n {
				break
			}
		}
	}
	return string(out), nil
}
