package pb_migrations

import "testing"

// TestRollupTriggersRewriteBothWays checks that the migration's rewrite is
// undone exactly by its down step, for every trigger the earlier
// migrations wrote.
func TestRollupTriggersRewriteBothWays(t *testing.T) {
	rewritten := 0
	for _, tr := range leanTriggers(true) {
		without := withoutLists(tr.name, tr.sql)
		if without != tr.sql {
			rewritten++
		}
		if back := withLists(tr.name, without); back != tr.sql {
			t.Errorf("%s comes back as\n%s\nnot\n%s", tr.name, back, tr.sql)
		}
	}
	if rewritten != 9 {
		t.Errorf("%d triggers rewritten, want 9: every trigger but the referrals' three, which compare against no list", rewritten)
	}
}
