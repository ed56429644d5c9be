package jobs

import (
	"testing"
	"time"

	"github.com/go-co-op/gocron/v2"

	"warmloop/tests/schemaapp"
)

func TestTheSummaryJobRunsNextOnMondayAtEightInTheServersZone(t *testing.T) {
	app := schemaapp.New(t)
	s, err := gocron.NewScheduler()
	if err != nil {
		t.Fatal(err)
	}
	if err := scheduleSummary(s, app); err != nil {
		t.Fatal(err)
	}
	s.Start()
	defer func() { _ = s.Shutdown() }()
	var weekly gocron.Job
	for _, j := range s.Jobs() {
		if j.Name() == "summary" {
			weekly = j
		}
	}
	if weekly == nil {
		t.Fatal("no weekly summary job is scheduled")
	}
	next, err := weekly.NextRun()
	if err != nil {
		t.Fatal(err)
	}
	local := next.In(time.Local)
	if local.Weekday() != time.Monday || local.Hour() != 8 || local.Minute() != 0 || !next.After(time.Now()) || next.Sub(time.Now()) > 7*24*time.Hour {
		t.Errorf("the summary runs next at %v; want the coming Monday at 08:00 local time", local)
	}
}
