package asks

import (
	"crypto/rand"
	"encoding/binary"
	"regexp/syntax"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
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

// defaultIDPattern is the autogenerate pattern of PocketBase's id field.
const defaultIDPattern = `[a-z0-9]{15}`

// A record written past the record layer gets an id that sorts by the time
// it was drawn: nine characters of the Unix time in milliseconds in base 36,
// then six drawn characters, still fifteen of [a-z0-9] as PocketBase's ids
// are. A random id lands on a random page of its table's primary key index
// and of every index that holds it (a moment's customer, an ask's customer
// and moment, an email's ask, the rollup of the customers asked), so each
// moment a batch writes changed a page of its own in each, and the commit
// wrote every one of those pages to the WAL. Ids drawn in time order land
// on the last page of each, which the whole batch shares. Ids are not
// secrets (no public route takes one; the tokens stay fully random).
var ids struct {
	sync.Mutex
	ms   int64  // the millisecond of the last id
	tail uint64 // its six drawn characters, as a number below idTailSpace
}

// idTailSpace is the number of six-character tails: 36⁶.
const idTailSpace = 36 * 36 * 36 * 36 * 36 * 36

// orderedID draws an id of defaultIDPattern after every id this process has
// drawn: in a new millisecond its tail is drawn at random from the lower
// half of the tails, within the same one (or should the clock step back)
// it is the last tail plus a drawn step, so two ids never come alike.
func orderedID(now time.Time) (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	r := binary.LittleEndian.Uint64(b[:])
	ids.Lock()
	ms := now.UnixMilli()
	if ms > ids.ms {
		ids.ms, ids.tail = ms, r%(idTailSpace/2)
	} else {
		ids.tail += 1 + r%1024
		if ids.tail >= idTailSpace {
			ids.ms, ids.tail = ids.ms+1, r%(idTailSpace/2)
		}
	}
	ms, tail := ids.ms, ids.tail
	ids.Unlock()
	var out [15]byte
	for i := 14; i >= 9; i-- {
		out[i] = base36[tail%36]
		tail /= 36
	}
	for i := 8; i >= 0; i-- {
		out[i] = base36[ms%36]
		ms /= 36
	}
	return string(out[:]), nil
}

// base36 is the digits of the ids, in the order they sort.
const base36 = "0123456789abcdefghijklmnopqrstuvwxyz"

// An ask's two tokens (its link's and its unsubscribe link's) are drawn as
// their pattern says, twenty-two random characters, with the nine
// characters of the time an ordered id starts with put before them. Each
// token has a unique index, and a fully random token put every ask a batch
// or a cadence pass writes on a page of its own in both: about a quarter
// of the pages a batch of the intake committed. The random part keeps the
// 131 bits the design asks for (at least 128); the time in front tells the
// holder of the link when their own ask was made, which the email that
// brought it told them already. The share code (customers.referral_code)
// is posted where strangers read it and stays wholly random.
func isOrderedToken(coll string, f *core.TextField) bool {
	return coll == "asks" && (f.Name == "token" || f.Name == "unsubscribe_token")
}

// orderedToken is a value of pattern with the time of now in front (see
// isOrderedToken).
func orderedToken(pattern string, now time.Time) (string, error) {
	random, err := drawByPattern(pattern)
	if err != nil {
		return "", err
	}
	id, err := orderedID(now)
	if err != nil {
		return "", err
	}
	return id[:9] + random, nil
}
