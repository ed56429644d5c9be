package referrals_test

import (
	"strings"
	"testing"

	"warmloop/internal/referrals"
)

func TestStageMapReadsOneStageALineWithoutRegardToCase(t *testing.T) {
	m, err := referrals.ParseStages("# HubSpot\r\nqualifiedtobuy = qualified\nClosed Won = WON\n\n closedlost=lost \n")
	if err != nil {
		t.Fatal(err)
	}
	for stage, want := range map[string]string{"qualifiedtobuy": "qualified", "closed won": "won", " CLOSEDLOST ": "lost"} {
		if got, ok := m.StatusOf(stage); !ok || got != want {
			t.Errorf("stage %q maps to %q (%v), want %q", stage, got, ok, want)
		}
	}
	if _, ok := m.StatusOf("appointmentscheduled"); ok {
		t.Error("a stage the map leaves out maps to a status")
	}
}

func TestStageMapRefusesWhatACRMCannotDoNamingTheLine(t *testing.T) {
	for text, want := range map[string]string{
		"closedwon won":                     "line 1",
		"closedwon = won\ndemo = booked":    "line 2",
		"= won":                             "line 1",
		"closedwon = won\nclosedwon = lost": "already mapped",
	} {
		if _, err := referrals.ParseStages(text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error naming %q", text, err, want)
		}
	}
}
