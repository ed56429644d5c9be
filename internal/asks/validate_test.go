package asks

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// TestATextFieldsPatternIsCheckedAsPocketBaseChecksIt gives the writer's
// check and PocketBase's own the same text fields (a pattern, lengths,
// required, the default id) and values (matching, not, empty, too short,
// too long, not a string): both pass the same values and refuse the others
// with the same error.
func TestATextFieldsPatternIsCheckedAsPocketBaseChecksIt(t *testing.T) {
	coll := core.NewBaseCollection("things")
	fields := []*core.TextField{
		{Name: "code", Pattern: `^[a-z]{3}-[0-9]+$`},
		{Name: "slug", Pattern: `^[a-z-]+$`, Required: true, Min: 3, Max: 8},
		{Name: "plain", Max: 4},
	}
	for _, f := range fields {
		coll.Fields.Add(f)
	}
	id := coll.Fields.GetByName("id").(*core.TextField)
	values := []any{"", "abc-12", "ABC-12", "ab", "abc", "abcdefghij", "abc-", "a-b", strings.Repeat("x", 6000), 42}
	for _, f := range append(fields, id) {
		for _, v := range values {
			r := core.NewRecord(coll)
			r.SetRaw(f.Name, v)
			want := f.ValidateValue(context.Background(), nil, r)
			got := validateValue(nil, f, r)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s = %.20v: the writer says %v, PocketBase says %v", f.Name, v, got, want)
			}
		}
	}
}
