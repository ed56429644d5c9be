package signin

import (
	"errors"
	"testing"
	"time"
)

func refused(err error) bool {
	var r *Refusal
	return errors.As(err, &r)
}

// fail runs n failed tries of email from ip at now.
func fail(t *testing.T, g *guard, email, ip string, n int, now time.Time) {
	t.Helper()
	for i := range n {
		a, err := g.begin(email, ip, now)
		if err != nil {
			t.Fatalf("try %d refused: %v", i+1, err)
		}
		g.finish(a.key, false, now)
	}
}

func TestALockLiftsAfterItsTimeAndCountsTheEmailInAnyCase(t *testing.T) {
	g, now := newGuard(), time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	fail(t, g, "Admin@Acme.example", "203.0.113.1", MaxFailures, now)
	if _, err := g.begin(" admin@acme.example", "203.0.113.1", now.Add(LockFor-time.Second)); !refused(err) {
		t.Errorf("the same email in other case, a second before the lock ends: %v, want a refusal", err)
	}
	if _, err := g.begin("admin@acme.example", "203.0.113.1", now.Add(LockFor)); err != nil {
		t.Errorf("when the lock ends: %v", err)
	}
}

func TestWrongPasswordsOlderThanTheWindowDoNotCount(t *testing.T) {
	g, now := newGuard(), time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	fail(t, g, "a@acme.example", "203.0.113.1", MaxFailures-1, now)
	later := now.Add(FailureWindow)
	fail(t, g, "a@acme.example", "203.0.113.1", MaxFailures-1, later)
	if _, err := g.begin("a@acme.example", "203.0.113.1", later); err != nil {
		t.Errorf("%d recent failures locked the email: %v", MaxFailures-1, err)
	}
}

func TestTriesSentAtOnceCannotSlipPastTheLock(t *testing.T) {
	g, now := newGuard(), time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	fail(t, g, "a@acme.example", "203.0.113.1", MaxFailures-1, now)
	if _, err := g.begin("a@acme.example", "203.0.113.1", now); err != nil {
		t.Fatal(err)
	}
	if _, err := g.begin("a@acme.example", "203.0.113.1", now); !refused(err) {
		t.Errorf("a second try while the last allowed one is still running: %v, want a refusal", err)
	}
}

func TestANetworkIsAnIPv4AddressOrAnIPv6Slash64(t *testing.T) {
	for ip, want := range map[string]string{
		"203.0.113.7":             "203.0.113.7",
		"::ffff:203.0.113.7":      "203.0.113.7",
		"2001:db8:1:2:aaaa::1":    "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::9999": "2001:db8:1:2::/64",
		"not an address":          "not an address",
	} {
		if got := Network(ip); got != want {
			t.Errorf("Network(%q) = %q, want %q", ip, got, want)
		}
	}
}

func TestTheGuardForgetsWhatNoLongerCounts(t *testing.T) {
	g, now := newGuard(), time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	fail(t, g, "a@acme.example", "203.0.113.1", MaxFailures, now)
	fail(t, g, "b@acme.example", "203.0.113.2", 1, now)
	g.sweep(now.Add(LockFor + FailureWindow))
	if len(g.pairs) != 0 || len(g.networks) != 0 {
		t.Errorf("after the lock and the window: %d pairs and %d networks kept", len(g.pairs), len(g.networks))
	}
}
