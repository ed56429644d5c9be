package jobs

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"warmloop/internal/outbox"
	"warmloop/internal/program"
	"warmloop/tests/schemaapp"
)

func TestMain(m *testing.M) { schemaapp.Main(m) }

// sentEmail queues an email row and marks it sent at the given time.
func sentEmail(t *testing.T, app core.App, at time.Time) string {
	t.Helper()
	r, err := outbox.QueueEmail(app, "jo@fabrikam.example", "Hello", map[string]any{"template": "ask_email", "ask": "x"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = app.DB().Update("outbox", dbx.Params{"status": "sent", "sent_at": at.UTC().Format(types.DefaultDateLayout)},
		dbx.HashExp{"id": r.Id}).Execute()
	if err != nil {
		t.Fatal(err)
	}
	return r.Id
}

// bodyKept reports whether an outbox row still holds its payload.
func bodyKept(t *testing.T, app core.App, id string) bool {
	t.Helper()
	r, err := app.FindRecordById("outbox", id)
	if err != nil {
		t.Fatal(err)
	}
	return r.GetString("payload") != "" && r.GetString("payload") != "null"
}

func TestRetentionJobPrunesByTheSettingsDays(t *testing.T) {
	app := schemaapp.New(t)
	settings, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	if settings.GetInt("outbox_retention_days") != program.DefaultRetentionDays {
		t.Errorf("a fresh program keeps bodies %d days, want %d", settings.GetInt("outbox_retention_days"), program.DefaultRetentionDays)
	}
	settings.Set("outbox_retention_days", 10)
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	program.Forget(app)
	now := time.Now()
	older := sentEmail(t, app, now.AddDate(0, 0, -11))
	younger := sentEmail(t, app, now.AddDate(0, 0, -9))

	pruneOutbox(app, now)

	if bodyKept(t, app, older) {
		t.Error("an email sent 11 days ago kept its body under a 10-day retention")
	}
	if !bodyKept(t, app, younger) {
		t.Error("an email sent 9 days ago lost its body under a 10-day retention")
	}
}

func TestRetentionSettingRefusesLessThanADay(t *testing.T) {
	app := schemaapp.New(t)
	settings, err := program.Record(app)
	if err != nil {
		t.Fatal(err)
	}
	settings.Set("outbox_retention_days", 0)
	if err := app.Save(settings); err == nil {
		t.Error("a retention of 0 days was saved")
	}
}
