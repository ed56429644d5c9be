package program_test

import (
	"testing"

	"warmloop/internal/program"
	"warmloop/tests/schemaapp"
)

// That every change to the record reaches Load is the settings hooks' work,
// tested in hooks/settings_flow_test.go.

func TestMain(m *testing.M) { schemaapp.Main(m) }

func TestLoadKeepsTheSettingsUntilForget(t *testing.T) {
	app := schemaapp.New(t)
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
	if s, _ = program.Load(app); s.NPSThreshold != 9 || s.Cadence != "balanced" {
		t.Errorf("before Forget Load read the record again: %+v", s)
	}
	program.Forget(app)
	if s, _ = program.Load(app); s.NPSThreshold != 8 || s.Cadence != "aggressive" {
		t.Errorf("after Forget Load still says %+v", s)
	}
}
