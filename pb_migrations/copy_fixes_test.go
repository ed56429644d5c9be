package pb_migrations_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"warmloop/internal/pages"
	"warmloop/tests/testapp"
)

// copyFixes is migration 1764000025, to run by hand on an app.
func copyFixes(t *testing.T) *core.Migration {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1764000025_copy_fixes.go" {
			return m
		}
	}
	t.Fatal("migration 1764000025_copy_fixes.go is not registered")
	return nil
}

// rowField reads one field of the first row of collection whose key is value.
func rowField(t *testing.T, app core.App, collection, key, value, name string) string {
	t.Helper()
	r, err := app.FindFirstRecordByData(collection, key, value)
	if err != nil {
		t.Fatal(err)
	}
	return r.GetString(name)
}

// setRowField writes one field of that row.
func setRowField(t *testing.T, app core.App, collection, key, value, name, to string) {
	t.Helper()
	r, _ := app.FindFirstRecordByData(collection, key, value)
	r.Set(name, to)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
}

func TestTheCopyFixesReachRowsStillAsShippedAndLeaveEditedOnes(t *testing.T) {
	app := beforeTranslations(t)
	mig := copyFixes(t)
	if err := mig.Down(app); err != nil {
		t.Fatal(err)
	}
	// The old copy is back everywhere: this is an install from before.
	for _, c := range []struct{ collection, key, value, name, old string }{
		{"pages", "slug", "reward_earned", "title", "You are now a {{tier_name}}"},
		{"pages", "slug", "ask_email", "body", "kind words"},
		{"variants", "name", "thanks", "body", "kind words"},
		{"variants", "name", "short", "body", "as a thank-you: {{incentive}}"},
	} {
		if got := rowField(t, app, c.collection, c.key, c.value, c.name); !strings.Contains(got, c.old) {
			t.Fatalf("down left %s %s's %s without %q:\n%s", c.collection, c.value, c.name, c.old, got)
		}
	}
	// The admin rewrote the short variant, and saved the thanks one from Windows.
	setRowField(t, app, "variants", "name", "short", "body", "Ours, with [a link]({{link}}).")
	thanks := rowField(t, app, "variants", "name", "thanks", "body")
	setRowField(t, app, "variants", "name", "thanks", "body", strings.ReplaceAll(thanks, "\n", "\r\n"))

	if err := mig.Up(app); err != nil {
		t.Fatal(err)
	}
	rewardTitle, rewardBody, _ := pages.Shipped("reward_earned")
	_, askBody, _ := pages.Shipped("ask_email")
	for _, c := range []struct{ collection, key, value, name, want string }{
		{"pages", "slug", "reward_earned", "title", rewardTitle},
		{"pages", "slug", "reward_earned", "body", rewardBody},
		{"pages", "slug", "ask_email", "body", askBody},
		{"variants", "name", "thanks", "body", askBody},
		{"variants", "name", "short", "body", "Ours, with [a link]({{link}})."},
	} {
		if got := rowField(t, app, c.collection, c.key, c.value, c.name); got != c.want {
			t.Errorf("%s %s's %s is\n%q\nwant\n%q", c.collection, c.value, c.name, got, c.want)
		}
	}
	for _, words := range []string{"You are now a", "kind words", "as a thank-you: {{"} {
		if strings.Contains(rewardTitle+rewardBody+askBody, words) {
			t.Errorf("the shipped copy still says %q", words)
		}
	}
}

func TestAFreshInstallShipsTheFixedVariants(t *testing.T) {
	app := testapp.New(t)
	_, askBody, _ := pages.Shipped("ask_email")
	if got := inLocale(t, app, "variants", "name", "thanks", "en").GetString("body"); got != askBody {
		t.Errorf("the thanks variant is not the shipped ask_email:\n%s", got)
	}
	if got := inLocale(t, app, "variants", "name", "short", "en").GetString("body"); strings.Contains(got, "as a thank-you:") {
		t.Errorf("the short variant runs the incentive on from a colon:\n%s", got)
	}
}
