package keep

import (
	"errors"
	"testing"
	"time"
)

// counter is a read that counts its calls and returns their number.
func counter(n *int) func() (int, error) {
	return func() (int, error) { *n++; return *n, nil }
}

func TestAValueIsReadOnceUntilItsKeyIsDropped(t *testing.T) {
	c := New[string, int](8, time.Hour)
	reads := 0
	for range 3 {
		if v, _ := c.Get("a", 0, counter(&reads)); v != 1 {
			t.Fatalf("got %d, want the first read's 1", v)
		}
	}
	c.Drop("b")
	if v, _ := c.Get("a", 0, counter(&reads)); v != 1 {
		t.Errorf("dropping another key read this one again: %d", v)
	}
	c.Drop("a")
	if v, _ := c.Get("a", 0, counter(&reads)); v != 2 {
		t.Errorf("after its drop: %d, want a second read", v)
	}
}

func TestAValueReadWhileAChangeCommittedIsNotKept(t *testing.T) {
	c := New[string, int](8, time.Hour)
	reads := 0
	// The change commits, and drops its key, while the first read runs.
	if v, _ := c.Get("a", 0, func() (int, error) { c.Drop("a"); return counter(&reads)() }); v != 1 {
		t.Fatalf("got %d", v)
	}
	if v, _ := c.Get("a", 0, counter(&reads)); v != 2 {
		t.Errorf("the value read before the change was kept: %d", v)
	}
}

func TestANewGenerationAnAgeOrAPurgeReadsAgain(t *testing.T) {
	c := New[string, int](8, time.Hour)
	reads := 0
	c.Get("a", 1, counter(&reads))
	if v, _ := c.Get("a", 2, counter(&reads)); v != 2 {
		t.Errorf("a new generation kept the old value: %d", v)
	}
	c.Purge()
	if v, _ := c.Get("a", 2, counter(&reads)); v != 3 {
		t.Errorf("a purge kept the value: %d", v)
	}
	old := New[string, int](8, 0)
	n := 0
	old.Get("a", 0, counter(&n))
	if v, _ := old.Get("a", 0, counter(&n)); v != 2 {
		t.Errorf("a value past its age was kept: %d", v)
	}
}

func TestAFailedReadIsNotKeptAndTheLeastRecentlyUsedGoesFirst(t *testing.T) {
	c := New[string, int](2, time.Hour)
	if _, err := c.Get("a", 0, func() (int, error) { return 0, errors.New("busy") }); err == nil {
		t.Fatal("the read's error was lost")
	}
	reads := 0
	if v, _ := c.Get("a", 0, counter(&reads)); v != 1 {
		t.Errorf("a failed read was kept: %d", v)
	}
	c.Get("b", 0, counter(&reads))
	c.Get("a", 0, counter(&reads)) // a is now more recent than b
	c.Get("c", 0, counter(&reads)) // full: b goes
	if v, _ := c.Get("a", 0, counter(&reads)); v != 1 {
		t.Errorf("the recently used key went: %d", v)
	}
	if v, _ := c.Get("b", 0, counter(&reads)); v != 4 {
		t.Errorf("the least recently used key stayed: %d", v)
	}
}
