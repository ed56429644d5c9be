// Package signin is how a superuser or a team member signs in,
// whichever way they come: the dashboard's form and PocketBase's own auth
// API, which the admin UI at /_/ uses, pass the same guard, answer an
// unknown email as slowly as a wrong password, and a dashboard session is a
// row the server can end.
//
// The guard's counts live in memory (the app's store): they are about the
// last few minutes, a restart is rare and no stranger can cause one, and
// keeping them out of the database means a flood of wrong passwords writes
// nothing to disk.
package signin

import (
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

const (
	// MaxFailures wrong passwords for one email from one network within
	// FailureWindow lock that email out of that network for LockFor. The
	// same email from elsewhere is not affected.
	MaxFailures   = 5
	FailureWindow = 15 * time.Minute
	LockFor       = 15 * time.Minute

	// AttemptsPerNetwork sign-ins, right or wrong, to any email, are allowed
	// from one network per AttemptWindow, the form and the API together.
	AttemptsPerNetwork = 10
	AttemptWindow      = time.Minute
)

// Refusal is why a sign-in was not even tried. Its message is the same
// whether or not an account has the email.
type Refusal struct {
	Message    string
	RetryAfter time.Duration
}

func (r *Refusal) Error() string { return r.Message }

// Attempt is one sign-in the guard let through; Finish it with the outcome.
type Attempt struct {
	g   *guard
	key string
}

// Begin asks the guard whether someone at ip may try to sign in as email
// now. It refuses (a *Refusal) when that email is locked out of ip's
// network, or when the network has used up its attempts.
func Begin(app core.App, email, ip string) (*Attempt, error) {
	return guardOf(app).begin(email, ip, time.Now())
}

// Finish records the outcome: a success clears the email's failures from
// that network, a failure counts towards its lock.
func (a *Attempt) Finish(ok bool) { a.g.finish(a.key, ok, time.Now()) }

// storeKey is where the app's store keeps the guard.
const storeKey = "warmloop.signin.guard"

func guardOf(app core.App) *guard {
	return app.Store().GetOrSet(storeKey, func() any { return newGuard() }).(*guard)
}

type guard struct {
	mu       sync.Mutex
	networks map[string]*window
	pairs    map[string]*pair
	swept    time.Time
}

// window counts a network's attempts in a fixed window.
type window struct {
	start time.Time
	n     int
}

// pair is one email from one network: its recent failures, the tries still
// running (counted as failures until they end, so tries sent all at once
// cannot slip past the lock), and the end of its lock.
type pair struct {
	failures    []time.Time
	running     int
	lockedUntil time.Time
	seen        time.Time
}

func newGuard() *guard {
	return &guard{networks: map[string]*window{}, pairs: map[string]*pair{}}
}

func (g *guard) begin(email, ip string, now time.Time) (*Attempt, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.sweep(now)
	netKey := Network(ip)
	key := strings.ToLower(strings.TrimSpace(email)) + "\x00" + netKey

	p := g.pairs[key]
	if p == nil {
		p = &pair{}
		g.pairs[key] = p
	}
	p.seen = now
	p.failures = recent(p.failures, now)
	if now.Before(p.lockedUntil) {
		return nil, locked(p.lockedUntil.Sub(now))
	}
	if len(p.failures)+p.running >= MaxFailures {
		return nil, locked(LockFor)
	}

	w := g.networks[netKey]
	if w == nil || now.Sub(w.start) >= AttemptWindow {
		w = &window{start: now}
		g.networks[netKey] = w
	}
	if w.n >= AttemptsPerNetwork {
		wait := w.start.Add(AttemptWindow).Sub(now)
		return nil, &Refusal{Message: "Too many sign-in attempts from your network. Please wait a minute and try again.", RetryAfter: wait}
	}
	w.n++
	p.running++
	return &Attempt{g: g, key: key}, nil
}

func (g *guard) finish(key string, ok bool, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	p := g.pairs[key]
	if p == nil {
		return
	}
	if ok {
		delete(g.pairs, key)
		return
	}
	p.running = max(0, p.running-1)
	p.seen = now
	p.failures = append(recent(p.failures, now), now)
	if len(p.failures) >= MaxFailures {
		p.lockedUntil = now.Add(LockFor)
		p.failures = nil
	}
}

// locked is the refusal of an email locked out of a network.
func locked(wait time.Duration) *Refusal {
	minutes := int((wait + time.Minute - 1) / time.Minute)
	unit := "minutes"
	if minutes == 1 {
		unit = "minute"
	}
	return &Refusal{
		Message:    fmt.Sprintf("Too many wrong passwords for this email from your network. Try again in %d %s.", minutes, unit),
		RetryAfter: wait,
	}
}

// recent keeps the failures within FailureWindow of now.
func recent(failures []time.Time, now time.Time) []time.Time {
	i := 0
	for i < len(failures) && now.Sub(failures[i]) >= FailureWindow {
		i++
	}
	return failures[i:]
}

// sweep forgets, at most once a minute, what no longer counts.
func (g *guard) sweep(now time.Time) {
	if now.Sub(g.swept) < time.Minute {
		return
	}
	g.swept = now
	for k, w := range g.networks {
		if now.Sub(w.start) >= AttemptWindow {
			delete(g.networks, k)
		}
	}
	for k, p := range g.pairs {
		idle := now.Sub(p.seen) >= FailureWindow+LockFor
		if idle || (p.running == 0 && !now.Before(p.lockedUntil) && len(recent(p.failures, now)) == 0) {
			delete(g.pairs, k)
		}
	}
}

// Network is what the guard counts an address under: an IPv4 address
// itself, an IPv6 address by its /64, which one subscriber usually holds
// whole, so hopping between its addresses gains nothing.
func Network(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	addr = addr.Unmap()
	if addr.Is4() {
		return addr.String()
	}
	prefix, err := addr.Prefix(64)
	if err != nil {
		return addr.String()
	}
	return prefix.String()
}
