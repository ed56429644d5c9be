package hooks_test

import (
	"testing"

	"warmloop/internal/program"
	"warmloop/tests/testapp"
)

// The settings hooks make program.Load see every change to the record;
// Load's keeping and Forget are tested in internal/program.

func TestLoadSeesEveryChangeToTheSettings(t *testing.T) {
	app := testapp.New(t)
	s, err := program.Load(app)
	if err != nil || s.NPSThreshold != 9 || s.Cadence != "balanced" {
		t.Fatalf("defaults: %+v, %v", s, err)
	}
	r, _ := app.FindFirstRecordByFilter("settings", "")
	r.Set("nps_threshold", 8)
	r.Set("cadence", "aggressive")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	s, _ = program.Load(app)
	if s.NPSThreshold != 8 || s.Cadence != "aggressive" {
		t.Errorf("after an update Load still says %+v", s)
	}
}
