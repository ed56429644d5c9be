package pb_migrations

import (
	"fmt"
	"strings"
	"testing"
)

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

// TestRollupStatementsGainTheLanguageAndLoseItAgain checks that every
// stored statement writing rollup_ask_groups (the asks' and the moments'
// triggers, and its fill) is given the language, and that the down step
// gives back each statement exactly.
func TestRollupStatementsGainTheLanguageAndLoseItAgain(t *testing.T) {
	var stored []rollupTrigger
	for _, tr := range leanTriggers(true) {
		stored = append(stored, rollupTrigger{tr.name, withoutLists(tr.name, tr.sql)})
	}
	for i, sql := range rollupFills {
		stored = append(stored, rollupTrigger{fmt.Sprint("fill_", i), sql})
	}
	rewritten := 0
	for _, st := range stored {
		with := withLanguage(st.name, st.sql)
		if with != st.sql {
			rewritten++
			if strings.Count(with, ".locale, ''), ") != strings.Count(st.sql, "INSERT INTO rollup_ask_groups") {
				t.Errorf("%s counts some of its groups without the language:\n%s", st.name, with)
			}
		}
		if back := withoutLanguage(st.name, with); back != st.sql {
			t.Errorf("%s comes back as\n%s\nnot\n%s", st.name, back, st.sql)
		}
	}
	if rewritten != 7 {
		t.Errorf("%d statements rewritten, want 7: the asks' and the moments' three triggers each, and the groups' fill", rewritten)
	}
}
