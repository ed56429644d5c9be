package asks

import (
	"regexp"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/token"
)

// TestDrawnValuesMatchTheirPatternAndDoNotRepeat draws values for the
// patterns records use (an id, a token) and for ones drawn through
// PocketBase (a literal prefix, a class outside ASCII): each matches its
// pattern in full, and no value of a large space comes twice.
func TestDrawnValuesMatchTheirPatternAndDoNotRepeat(t *testing.T) {
	for _, pattern := range []string{`[a-z0-9]{15}`, `[A-Za-z0-9]{22}`, `[0-9]{6}`, `[a-zA-Z0-9_-]{43}`, `tok[a-z]{8}`, `[äöü]{5}`} {
		re := regexp.MustCompile("^(?:" + pattern + ")$")
		seen := map[string]bool{}
		for range 500 {
			v, err := drawByPattern(pattern)
			if err != nil {
				t.Fatalf("%s: %v", pattern, err)
			}
			if !re.MatchString(v) {
				t.Fatalf("%s drew %q, which does not match it", pattern, v)
			}
			if seen[v] && pattern != `[0-9]{6}` && pattern != `[äöü]{5}` { // small spaces repeat by chance
				t.Fatalf("%s drew %q twice in 500", pattern, v)
			}
			seen[v] = true
		}
	}
}

// TestEveryCharacterOfTheClassIsDrawnAlike draws 36,000 characters of
// [a-z0-9]: each of the 36 comes about a thousand times (a biased draw,
// such as taking a random byte modulo 36, favours the first four by a
// sixtieth; this checks the gross shape, within 20%).
func TestEveryCharacterOfTheClassIsDrawnAlike(t *testing.T) {
	counts := map[rune]int{}
	for range 2400 {
		v, err := drawByPattern(`[a-z0-9]{15}`)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range v {
			counts[r]++
		}
	}
	if len(counts) != 36 {
		t.Fatalf("%d distinct characters drawn, want 36", len(counts))
	}
	for r, n := range counts {
		if n < 800 || n > 1200 {
			t.Errorf("%q drawn %d times of 36,000, want about 1,000", r, n)
		}
	}
}

// TestOnlyAFixedRepeatOfOneASCIIClassIsDrawnDirectly checks which patterns
// take the direct draw.
func TestOnlyAFixedRepeatOfOneASCIIClassIsDrawnDirectly(t *testing.T) {
	for pattern, direct := range map[string]bool{
		`[a-z0-9]{15}`: true, `[A-Za-z0-9]{22}`: true,
		`tok[a-z]{8}`: false, `[a-z]{3,8}`: false, `[äöü]{5}`: false, `[a]{5}`: false, `(`: false,
	} {
		alphabet, n := directDraw(pattern)
		if got := alphabet != nil; got != direct {
			t.Errorf("%s: drawn directly %v (alphabet %q, %d), want %v", pattern, got, alphabet, n, direct)
		}
	}
}

// TestIdsDrawnPastTheRecordLayerSortInTheOrderTheyWereDrawn draws ids as a
// batch does, many within one millisecond, one after the clock stepped
// back and one a day later: each is fifteen of [a-z0-9], as PocketBase's
// own ids are, none repeats, and each sorts after the one before it, so a
// batch's rows share the last page of every index that holds their ids.
func TestIdsDrawnPastTheRecordLayerSortInTheOrderTheyWereDrawn(t *testing.T) {
	re := regexp.MustCompile(`^[a-z0-9]{15}$`)
	at := time.Now()
	times := make([]time.Time, 0, 5003)
	for range 5000 {
		times = append(times, at) // one millisecond
	}
	times = append(times, at.Add(-time.Minute), at.Add(time.Millisecond), at.Add(24*time.Hour))
	last := ""
	seen := map[string]bool{}
	for i, when := range times {
		id, err := orderedID(when)
		if err != nil {
			t.Fatal(err)
		}
		if !re.MatchString(id) {
			t.Fatalf("id %q does not match PocketBase's id pattern", id)
		}
		if seen[id] {
			t.Fatalf("id %q drawn twice", id)
		}
		seen[id] = true
		if id <= last {
			t.Fatalf("the %d-th id %q does not sort after %q", i, id, last)
		}
		last = id
	}
}

// TestANewRecordsIdIsDrawnInTimeOrderAndItsTokensAtRandom makes two asks
// ready as the cadence pass and the intake do: their ids sort in the order
// they were made, while their tokens, which are capabilities, keep
// nothing of the time.
func TestANewRecordsIdIsDrawnInTimeOrderAndItsTokensAtRandom(t *testing.T) {
	coll := core.NewBaseCollection("things")
	coll.Fields.Add(&core.TextField{Name: "token", AutogeneratePattern: `[a-z0-9]{15}`})
	var made []*core.Record
	for range 200 {
		r := core.NewRecord(coll)
		if err := newRecordReady(r, types.NowDateTime()); err != nil {
			t.Fatal(err)
		}
		made = append(made, r)
	}
	tokensInOrder := true
	for i := 1; i < len(made); i++ {
		if made[i].Id <= made[i-1].Id {
			t.Fatalf("id %q made after %q sorts before it", made[i].Id, made[i-1].Id)
		}
		tokensInOrder = tokensInOrder && made[i].GetString("token") > made[i-1].GetString("token")
		if made[i].GetString("token")[:9] == made[i].Id[:9] {
			t.Fatalf("token %q starts with its id's time %q", made[i].GetString("token"), made[i].Id[:9])
		}
	}
	if tokensInOrder {
		t.Fatal("200 tokens came in sorted order: they are not drawn at random")
	}
}

// TestAnAsksTokensSortInTimeOrderAndKeepTheirRandomPart makes asks ready as
// the cadence pass and the intake do: each of an ask's two tokens is the
// nine characters of its time, ascending from ask to ask, then twenty-two
// drawn as the token pattern says (131 bits, the design's 128 and more);
// a share code, which strangers read, stays twenty-two random characters.
func TestAnAsksTokensSortInTimeOrderAndKeepTheirRandomPart(t *testing.T) {
	asks := core.NewBaseCollection("asks")
	asks.Fields.Add(&core.TextField{Name: "token", AutogeneratePattern: token.Pattern},
		&core.TextField{Name: "unsubscribe_token", AutogeneratePattern: token.Pattern})
	customers := core.NewBaseCollection("customers")
	customers.Fields.Add(&core.TextField{Name: "referral_code", AutogeneratePattern: token.Pattern})
	shape := regexp.MustCompile(`^[0-9a-z]{9}[A-Za-z0-9]{22}$`)
	random := regexp.MustCompile(`^[A-Za-z0-9]{22}$`)
	last := map[string]string{}
	for range 100 {
		ask := core.NewRecord(asks)
		if err := newRecordReady(ask, types.NowDateTime()); err != nil {
			t.Fatal(err)
		}
		for _, field := range []string{"token", "unsubscribe_token"} {
			v := ask.GetString(field)
			if !shape.MatchString(v) {
				t.Fatalf("%s %q is not nine characters of time and twenty-two drawn", field, v)
			}
			if v[:9] < last[field] {
				t.Fatalf("%s %q was made after one starting %q yet sorts before it", field, v, last[field])
			}
			last[field] = v[:9]
		}
		if ask.GetString("token")[9:] == ask.GetString("unsubscribe_token")[9:] {
			t.Fatal("an ask's two tokens share their random part")
		}
		customer := core.NewRecord(customers)
		if err := newRecordReady(customer, types.NowDateTime()); err != nil {
			t.Fatal(err)
		}
		if code := customer.GetString("referral_code"); !random.MatchString(code) {
			t.Fatalf("share code %q is not twenty-two random characters", code)
		}
	}
}
