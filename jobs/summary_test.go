package jobs

import (
	"testing"
	"time"

	"github.com/go-co-op/gocron/v2"

	"warmloop/tests/schemaapp"
)

func TestTheSummaryJobLooksOnTheHourWhetherTheProgramsMondayMorningHasCome(t *testing.T) {
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
	if next.Minute() != 0 || next.Second() != 0 || !next.After(time.Now()) || next.Sub(time.Now()) > time.Hour {
		t.Errorf("the summary job runs next at %v; want the coming hour, on the hour", next)
	}
}
